import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, sweep } from '../../../src/index.js';
import { memoryFiles } from '../../helpers.js';
import { lossScenario } from './erlang.js';

describe('sweep on common random numbers', () => {
  it('gives means that fall as beds are added (children placed elsewhere) and rise (children in the beds)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 60, max: 240 }),
        fc.integer({ min: 10, max: 40 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 3, maxLength: 4 }),
        async (lambda, mu, beds) => {
          const values = [...beds].sort((a, b) => a - b);
          const loaded = await loadScenario('x.yaml', memoryFiles({ 'x.yaml': lossScenario({ lambda, mu, baseBeds: 1, horizon: '1 year' }) }));
          const r = await sweep(
            loaded,
            { axes: [{ lever: 'Beds', values }], measures: ['placed_out_of_preference[total] per year', 'entries[inhouse_residential] per year'] },
            { replications: 12 },
          );
          const means = (m: string) => r.rows.filter((row) => row.measure === m).map((row) => row.mean);
          const out = means('placed_out_of_preference[total] per year');
          const placed = means('entries[inhouse_residential] per year');
          for (let i = 1; i < values.length; i++) {
            expect(out[i]!).toBeLessThanOrEqual(out[i - 1]!);
            expect(placed[i]!).toBeGreaterThanOrEqual(placed[i - 1]!);
          }
          // Common random numbers: the same children arrive at every value.
          const entries = await sweep(loaded, { axes: [{ lever: 'Beds', values }], measures: ['entries[total] per year'] }, { replications: 12 });
          expect(new Set(entries.rows.map((row) => row.mean)).size).toBe(1);
        },
      ),
      { numRuns: 6 },
    );
  }, 120_000);
});
