import type { Metric, Results, SeriesRow } from '@carecast/engine';
import { describe, expect, it } from 'vitest';
import { buildReport, keyNumbers } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

const NBSP = '\u00a0';

// A hand-built row: the percentiles and interval are given only where a test reads them.
function row(date: string, metric: Metric, mean: number, extra: Partial<SeriesRow> = {}): SeriesRow {
  return { date, metric, category: 'total', mean, p05: mean, p25: mean, p50: mean, p75: mean, p95: mean, ci95_low: mean, ci95_high: mean, ...extra };
}

// One year from 2025-04-01: stocks at the start and at the end of year 1, flows in two months of it.
function results(name: string, series: SeriesRow[]): Results {
  return {
    schemaVersion: 1,
    tool: { name: 'carecast', version: '0.1.0' },
    scenario: { name, source: 'scenarios/x.yaml' },
    seed: 1,
    replications: 30,
    start: '2025-04-01',
    end: '2026-03-31',
    mode: 'monte-carlo',
    series,
  };
}

const baselineRows = [
  row('2025-04-01', 'in_care', 450),
  row('2026-03-31', 'in_care', 454),
  row('2026-03-31', 'out_of_area', 153.6),
  row('2025-04-30', 'placed_out_of_preference', 4),
  row('2026-03-31', 'placed_out_of_preference', 4),
  row('2025-04-30', 'cost', 1_300_000),
  row('2026-03-31', 'cost', 1_500_000),
];
const scenarioRows = [
  row('2025-04-01', 'in_care', 450),
  row('2026-03-31', 'in_care', 406),
  row('2026-03-31', 'out_of_area', 150.4),
  row('2025-04-30', 'placed_out_of_preference', 2),
  row('2026-03-31', 'placed_out_of_preference', 3),
  row('2025-04-30', 'cost', 1_000_000),
  row('2026-03-31', 'cost', 1_500_000),
].map((r) => ({ ...r, scenario: 'Early help' }));
const deltas = [
  row('2025-04-01', 'in_care', 0),
  row('2026-03-31', 'in_care', -48, { ci95_low: -50.2, ci95_high: -45.9, p05: -60, p50: -47, p95: -35 }),
  row('2026-03-31', 'out_of_area', -3.2, { ci95_low: -4.1, ci95_high: -2.3 }),
  row('2025-04-30', 'placed_out_of_preference', -1, { ci95_low: -9, ci95_high: 9 }),
  row('2026-03-31', 'placed_out_of_preference', -2),
  row('2025-04-30', 'cost', -100_000),
  row('2026-03-31', 'cost', -200_000),
].map((r) => ({ ...r, scenario: 'Early help', delta: true }));

const cellsOf = (k: ReturnType<typeof keyNumbers>, block: number) => Object.fromEntries(k.blocks[block]!.rows.map((r) => [r.label, r.cells]));

describe('key numbers of a comparison', () => {
  it("give each scenario's own level next to its paired difference and the difference's 95% interval", () => {
    const k = keyNumbers({ results: results('Baseline', [...baselineRows, ...scenarioRows, ...deltas]) });
    expect(k.columns).toEqual(['Year 1 (to 31 Mar 2026)']);
    expect(k.blocks.map((b) => b.title)).toEqual(['Baseline', 'Early help, and its difference against Baseline (scenario minus baseline)']);
    expect(cellsOf(k, 1)).toEqual({
      'Children in care: mean (difference; 95% interval)': [`406 (-48; 95%${NBSP}interval${NBSP}-50${NBSP}to${NBSP}-46)`],
      'Difference across replications: median (5th to 95th percentile)': ['-47 (-60 to -35)'],
      'Placed out of area (children): mean (difference; 95% interval)': [`150 (-3; 95%${NBSP}interval${NBSP}-4${NBSP}to${NBSP}-2)`],
      // Sums of months: 2 + 3 children, -1 - 2 difference; 1.0 + 1.5 GBP million, -0.1 - 0.2 difference; no interval.
      'Placed out of preference in the year (children): mean (difference)': ['5 (-3)'],
      'Placement cost in the year (GBP million): mean (difference)': ['2.50 (-0.30)'],
    });
  });

  it('fall back to differences of means, without an interval, when there are no paired rows', () => {
    const k = keyNumbers({ results: results('Early help', scenarioRows.map(({ scenario: _, ...r }) => r)), baseline: results('Baseline', baselineRows) });
    expect(cellsOf(k, 1)).toEqual({
      'Children in care: mean (difference of means)': ['406 (-48)'],
      'Placed out of area (children): mean (difference of means)': ['150 (-3)'],
      'Placed out of preference in the year (children): mean (difference)': ['5 (-3)'],
      'Placement cost in the year (GBP million): mean (difference)': ['2.50 (-0.30)'],
    });
  });

  it('leave the single-run table without scenario rows', () => {
    const single = keyNumbers({ results: results('Baseline', baselineRows) });
    expect(single.blocks).toHaveLength(1);
    expect(single.blocks[0]!.rows.map((r) => r.label)).toEqual([
      'Children in care: median (5th to 95th percentile)',
      'Placed out of area (% of children in care, means)',
      'Placement cost in the year (GBP million, mean)',
    ]);
  });

  it('escape scenario names and notes on the page', async () => {
    const baseline = makeResults();
    const evil = makeResults({ name: '<b>Early & help</b>', entryFactor: 0.8 });
    const combined = { ...baseline, series: [...baseline.series, ...makeCompare(baseline, [evil]).filter((r) => r.scenario !== 'Baseline')] };
    const html = (await buildReport({ results: combined, images: false })).get('report.html') as string;
    const page = html.replace(/<script>[\s\S]*?<\/script>/g, '').replace(/<script type="application\/json"[\s\S]*?<\/script>/g, '');
    expect(page).toContain('<th scope="rowgroup" colspan="4">&#60;b&#62;Early &#38; help&#60;/b&#62;, and its difference against Baseline (scenario minus baseline)</th>');
    expect(page).toContain('<td>Children in care: mean (difference; 95% interval)</td>');
    expect(page).toContain("A compared scenario's cells give its mean level");
    expect(page).not.toContain('<b>Early');
  }, 30_000);
});
