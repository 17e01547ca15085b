import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resource } from '../../src/kernel/resource.js';
import { Simulator } from '../../src/kernel/simulator.js';
import { RandomStream } from '../../src/random/random-stream.js';
import { deriveStream, keyedStream, streamKey } from '../../src/random/streams.js';

const take = (stream: RandomStream, n: number): number[] => Array.from({ length: n }, () => stream.random());

/** A small M/M/2 queue with processes, resources and two named streams; returns its event trace. */
function queueTrace(seed: number, replication: number): string[] {
  const sim = new Simulator();
  const arrivals = RandomStream.derive(seed, 'arrivals', replication);
  const service = RandomStream.derive(seed, 'service', replication);
  const desks = new Resource(sim, 2);
  const trace: string[] = [];
  sim.process(function* () {
    for (let id = 0; id < 30; id++) {
      yield sim.timeout(arrivals.exponential(1));
      sim.process(function* () {
        trace.push(`${sim.now} arrive ${id}`);
        const r = desks.request();
        yield r;
        trace.push(`${sim.now} start ${id}`);
        yield sim.timeout(service.exponential(0.6));
        desks.release(r);
        trace.push(`${sim.now} leave ${id}`);
      });
    }
  });
  sim.run();
  return trace;
}

describe('random streams', () => {
  it('the same (seed, name, replication) gives the same draws', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.nat(100), (seed, name, replication) => {
        expect(take(RandomStream.derive(seed, name, replication), 20)).toEqual(
          take(RandomStream.derive(seed, name, replication), 20),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('the same seed gives an identical event trace; another seed or replication gives another', () => {
    const trace = queueTrace(42, 0);
    expect(trace.length).toBe(90);
    expect(queueTrace(42, 0)).toEqual(trace);
    expect(queueTrace(43, 0)).not.toEqual(trace);
    expect(queueTrace(42, 1)).not.toEqual(trace);
  });

  it('different stream names, seeds or replications give different draws', () => {
    const base = take(RandomStream.derive(1, 'entries', 0), 10);
    expect(take(RandomStream.derive(1, 'exits', 0), 10)).not.toEqual(base);
    expect(take(RandomStream.derive(2, 'entries', 0), 10)).not.toEqual(base);
    expect(take(RandomStream.derive(1, 'entries', 1), 10)).not.toEqual(base);
    // No accidental collisions from joining the parts: ("1", "2|x") must differ from ("1|2", "x").
    expect(deriveStream('1', '2|x', 0)()).not.toBe(deriveStream('1|2', 'x', 0)());
  });

  it('adding draws on one stream leaves another stream’s sequence unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5), { maxLength: 30 }), (extraDraws) => {
        const alone = take(RandomStream.derive(7, 'moves', 3), 30);
        const moves = RandomStream.derive(7, 'moves', 3);
        const exits = RandomStream.derive(7, 'exits', 3);
        const interleaved: number[] = [];
        for (let i = 0; i < 30; i++) {
          for (let j = 0; j < (extraDraws[i] ?? 0); j++) exits.exponential(2);
          interleaved.push(moves.random());
        }
        expect(interleaved).toEqual(alone);
      }),
      { numRuns: 50 },
    );
  });

  it('draws are uniform on [0, 1)', () => {
    const stream = RandomStream.derive(3, 'range', 0);
    for (let i = 0; i < 10000; i++) {
      const u = stream.random();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });

  it('a stream from its key is the stream derived from its name', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.nat(2 ** 40), (seed, name, replication) => {
        const fromKey = keyedStream(streamKey(seed, name), replication);
        const derived = deriveStream(seed, name, replication);
        for (let i = 0; i < 5; i++) expect(fromKey()).toBe(derived());
      }),
      { numRuns: 50 },
    );
    expect(take(RandomStream.keyed(streamKey(9, 'x'), 4), 5)).toEqual(take(RandomStream.derive('9', 'x', 4), 5));
  });

  it("a RandomStream draws its generator's own numbers from the generator's words", () => {
    // RandomStream divides Tyche-i's 32-bit words itself (keyedWords): the numbers must be the very
    // doubles the generator returns (keyedStream, deriveStream), so every result stays the same.
    fc.assert(
      fc.property(fc.integer(), fc.string(), fc.nat(2 ** 40), (seed, name, replication) => {
        const numbers = keyedStream(streamKey(seed, name), replication);
        const keyed = RandomStream.keyed(streamKey(seed, name), replication);
        const derived = RandomStream.derive(seed, name, replication);
        for (let i = 0; i < 40; i++) {
          const u = numbers();
          expect(Object.is(keyed.random(), u)).toBe(true);
          expect(Object.is(derived.random(), u)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('first draws of consecutive replications, and of names differing in one character, look independent', () => {
    // n draws that are independent uniforms have mean 1/2 (sd 1/sqrt(12 n)) and lag-1 correlation 0
    // (sd 1/sqrt(n)); 5 standard deviations either way fails a correct generator with p < 1e-6.
    const n = 20_000;
    const check = (draws: number[]): void => {
      const mean = draws.reduce((a, b) => a + b, 0) / n;
      let cov = 0;
      let v = 0;
      for (let i = 0; i < n; i++) {
        v += (draws[i]! - mean) ** 2;
        if (i > 0) cov += (draws[i]! - mean) * (draws[i - 1]! - mean);
      }
      expect(Math.abs(mean - 0.5)).toBeLessThan(5 / Math.sqrt(12 * n));
      expect(Math.abs(cov / v)).toBeLessThan(5 / Math.sqrt(n));
    };
    const key = streamKey(1, 'entries');
    check(Array.from({ length: n }, (_, r) => keyedStream(key, r)()));
    check(Array.from({ length: n }, (_, i) => deriveStream(1, `cell|${i}`, 0)()));
  });
});
