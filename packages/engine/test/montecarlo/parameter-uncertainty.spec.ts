import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/montecarlo/simulate.js';
import type { SimulationRun } from '../../src/montecarlo/types.js';
import type { ModelParameters } from '../../src/model/parameters.js';
import { midSizeAuthority } from '../model/fixtures.js';

// Parameter uncertainty in Monte Carlo runs: bands widen with rate uncertainty and shrink back to the
// bands of known rates as the evidence grows; scenarios on common random numbers share the draws, so
// paired differences stay tight; results do not depend on the number of workers.

const REPLICATIONS = 120;

/** midSizeAuthority over two years with every hazard and entry rate uncertain: relative sd 1/sqrt(shape). */
function uncertain(shape: number): ModelParameters {
  const p = midSizeAuthority(2);
  const perYear: Record<string, { shape: number; rate: number }> = {};
  for (const [b, v] of Object.entries(p.entries.perYear)) if (v && v > 0) perYear[b] = { shape, rate: shape / v };
  return {
    ...p,
    transitions: { ...p.transitions, rates: p.transitions.rates.map((r) => ({ ...r, uncertainty: { shape, rate: shape / r.perYear } })) },
    uncertainty: { entries: { perYear } },
  };
}

/** Children in care on the last date, one value per replication. */
const endStock = (run: SimulationRun): number[] => run.values.get('in_care|total')!.map((s) => s[s.length - 1]!);
const sd = (xs: readonly number[]): number => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};
const run = (p: ModelParameters, workers = 1) => simulate(p, { seed: 4, replications: REPLICATIONS, workers });

describe('parameter uncertainty in simulate', () => {
  it('widens the spread with uncertain rates and shrinks it back to the known-rates spread with huge evidence', async () => {
    const known = sd(endStock(await run(midSizeAuthority(2))));
    const wide = sd(endStock(await run(uncertain(15))));
    const huge = await run(uncertain(1e9));
    // Relative sd 26% on every rate: the end stock's spread at least 1.3 times that of paths alone.
    expect(wide / known).toBeGreaterThan(1.3);
    // Relative sd 0.003%: draws within rounding of the rates, so every replication's stock is the same.
    const same = endStock(await run(midSizeAuthority(2)));
    const drawn = endStock(huge);
    const differing = drawn.filter((x, i) => Math.abs(x - same[i]!) > 1).length;
    expect(differing).toBeLessThanOrEqual(REPLICATIONS * 0.05);
    expect(Math.abs(sd(drawn) / known - 1)).toBeLessThan(0.05);
  });

  it('keeps paired differences tight: a lever compared on common random numbers shares the draws', async () => {
    const lever = (p: ModelParameters): ModelParameters => ({ ...p, modifiers: [{ kind: 'entries', from: '2025-04-01', effect: { multiply: 0.8 } }] });
    const pairedSd = async (p: ModelParameters) => {
      const [a, b] = [endStock(await run(p)), endStock(await run(lever(p)))];
      return { paired: sd(a.map((x, i) => b[i]! - x)), marginal: sd(a) };
    };
    const withU = await pairedSd(uncertain(15));
    const withoutU = await pairedSd(midSizeAuthority(2));
    // The lever's effect varies with the drawn entry rates, a little; the draws themselves cancel.
    expect(withU.paired).toBeLessThan(0.35 * withU.marginal);
    expect(withU.paired).toBeLessThan(2 * withoutU.paired);
  });

  it('gives byte-identical results with one or two workers', async () => {
    const p = uncertain(10);
    const [one, two] = [await simulate(p, { seed: 2, replications: 6, workers: 1 }), await simulate(p, { seed: 2, replications: 6, workers: 2 })];
    for (const k of one.keys) expect(two.values.get(k)!.map((s) => Array.from(s))).toEqual(one.values.get(k)!.map((s) => Array.from(s)));
  });
});
