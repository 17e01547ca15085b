import { describe, expect, it } from 'vitest';
import type { SimulationRun } from '../../src/montecarlo/types.js';
import { headlineDifferences } from '../../src/results/differences.js';
import { studentTQuantile } from '../../src/results/student-t.js';

const dates = ['2025-04-01', '2025-04-30', '2025-05-31'];

// A run of R replications from per-replication series by key (each series one value per date).
function run(series: Record<string, number[][]>): SimulationRun {
  const keys = Object.keys(series);
  const replications = series[keys[0]!]!.length;
  return {
    dates,
    seed: 1,
    replications,
    keys,
    values: new Map(keys.map((k) => [k, series[k]!.map((s) => Float64Array.from(s))])),
    eventsFired: 0,
    warnings: [],
  };
}

// Mean and Student-t 95% interval of a sample, written out from the textbook formula.
function tInterval(xs: number[]): [number, number, number] {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return [mean, mean - half, mean + half];
}

describe('headlineDifferences(baseline, scenario, name)', () => {
  const baseline = run({
    'in_care|total': [[10, 12, 14], [10, 11, 9], [10, 13, 16]],
    'out_of_area|total': [[3, 3, 4], [3, 2, 2], [3, 4, 5]],
    'cost|total': [[0, 100, 200], [0, 150, 150], [0, 90, 300]],
    'placed_out_of_preference|total': [[0, 1, 2], [0, 0, 1], [0, 2, 2]],
  });
  const scenario = run({
    'in_care|total': [[10, 11, 12], [10, 11, 8], [10, 12, 13]],
    'out_of_area|total': [[3, 3, 3], [3, 2, 2], [3, 3, 4]],
    'cost|total': [[0, 80, 150], [0, 150, 100], [0, 70, 260]],
    'placed_out_of_preference|total': [[0, 0, 1], [0, 0, 1], [0, 1, 1]],
  });
  const rows = headlineDifferences(baseline, scenario, 'Less');
  const byMeasure = new Map(rows.map((r) => [r.measure, r]));

  it('pairs the stocks at the last date by replication, with the Student-t interval of the mean difference', () => {
    const d = byMeasure.get('In care at end')!;
    const [mean, low, high] = tInterval([12 - 14, 8 - 9, 13 - 16]);
    expect(d).toMatchObject({ scenario: 'Less', date: '2025-05-31', baseline: 13, value: 11 });
    expect(d.delta).toBeCloseTo(mean, 12);
    expect(d.ci95_low).toBeCloseTo(low, 12);
    expect(d.ci95_high).toBeCloseTo(high, 12);
  });

  it('sums flows over the horizon in each replication before pairing', () => {
    const d = byMeasure.get('Cost over the horizon (£)')!;
    // Per replication: scenario total minus baseline total.
    const diffs = [230 - 300, 250 - 300, 330 - 390];
    const [mean, low, high] = tInterval(diffs);
    expect(d.baseline).toBeCloseTo((300 + 300 + 390) / 3, 9);
    expect(d.value).toBeCloseTo((230 + 250 + 330) / 3, 9);
    expect(d.delta).toBeCloseTo(mean, 9);
    expect(d.ci95_low).toBeCloseTo(low, 9);
    expect(d.ci95_high).toBeCloseTo(high, 9);
    expect(byMeasure.get('Placed out of preference over the horizon')!.delta).toBeCloseTo(((1 - 3) + (1 - 1) + (2 - 4)) / 3, 12);
  });

  it('gives the four headline measures in a fixed order', () => {
    expect(rows.map((r) => r.measure)).toEqual(['In care at end', 'Out of area at end', 'Cost over the horizon (£)', 'Placed out of preference over the horizon']);
  });
});
