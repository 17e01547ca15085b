import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { aleaFromKey } from '../../src/random/alea.js';
import { keyedStream, streamKey } from '../../src/random/streams.js';

// alea.ts against seedrandom 3.0.5's own `alea` (the oracle: every stream of every result so far came
// from it): the same numbers for any seed text, whether its key's hash was just computed or kept.

const take = (next: () => number, n: number): number[] => Array.from({ length: n }, () => next());

describe('Alea (alea.ts)', () => {
  it("gives seedrandom's alea numbers for any key and suffix, first call or later", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), fc.nat(5), (key, suffix, repeat) => {
        const expected = take(seedrandom.alea(key + suffix) as () => number, 40);
        for (let i = 0; i <= repeat; i++) expect(take(aleaFromKey(key, suffix), 40)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("keyed streams are seedrandom's alea of `carecast|seed|name|replication`", () => {
    for (const [seed, name, replication] of [
      [1, 'entries|2|section20', 0],
      [7, 'a|b\\c', 12345],
      [-3, '', 999_999],
    ] as const) {
      const text = `${streamKey(seed, name)}${replication}`;
      expect(take(keyedStream(streamKey(seed, name), replication), 100)).toEqual(take(seedrandom.alea(text) as () => number, 100));
    }
  });
});
