import type { Metric, Results, SeriesRow } from '@carecast/engine';
import { describe, expect, it } from 'vitest';
import { buildReport, keyNumbers, keyNumbersText } from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

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

const rowsOf = (k: ReturnType<typeof keyNumbers>, block: number) => k.blocks[block]!.rows.map((r) => [r.label, r.cells]);

describe('key numbers of a comparison', () => {
  it("give each scenario's mean with its 5-95% range, and its paired difference with that difference's 5-95% range", () => {
    const k = keyNumbers({ results: results('Baseline', [...baselineRows, ...scenarioRows, ...deltas]) });
    expect(k.columns).toEqual(['Start (1 Apr 2025)', 'Year 1 (to 31 Mar 2026)']);
    expect(k.blocks.map((b) => b.title)).toEqual(['Baseline', 'Early help against Baseline (difference: scenario minus baseline)']);
    expect(rowsOf(k, 1)).toEqual([
      ['Children in care', ['450 (450 to 450)', '406 (406 to 406)']],
      // The range is the paired differences' p05 to p95 (-60 to -35), not the mean's interval (-50.2 to -45.9).
      ['Difference from the baseline', ['0 (0 to 0)', '-48 (-60 to -35)']],
      ['Placed out of area (children)', ['n/a', '150 (150 to 150)']],
      ['Difference from the baseline', ['n/a', '-3 (-3 to -3)']],
      // Sums of months: 2 + 3 children, -1 - 2 difference; 1.0 + 1.5 GBP million, -0.1 - 0.2 difference; no range, none at the start.
      ['Placed out of preference in the year (children)', ['', '5']],
      ['Difference from the baseline', ['', '-3']],
      ['Placement cost in the year (GBP million)', ['', '2.50']],
      ['Difference from the baseline', ['', '-0.30']],
    ]);
    expect(k.notes.join(' ')).toMatch(/5th to 95th percentile of those paired differences/);
  });

  it('fall back to differences of means, without a range, when there are no paired rows', () => {
    const k = keyNumbers({ results: results('Early help', scenarioRows.map(({ scenario: _, ...r }) => r)), baseline: results('Baseline', baselineRows) });
    expect(rowsOf(k, 1)).toEqual([
      ['Children in care', ['450 (450 to 450)', '406 (406 to 406)']],
      ['Difference from the baseline', ['0', '-48']],
      ['Placed out of area (children)', ['n/a', '150 (150 to 150)']],
      ['Difference from the baseline', ['n/a', '-3']],
      ['Placed out of preference in the year (children)', ['', '5']],
      ['Difference from the baseline', ['', '-3']],
      ['Placement cost in the year (GBP million)', ['', '2.50']],
      ['Difference from the baseline', ['', '-0.30']],
    ]);
    expect(k.notes.join(' ')).toMatch(/difference of the two means, with no range/);
  });

  it('leave the single-run table without scenario rows', () => {
    const single = keyNumbers({ results: results('Baseline', baselineRows) });
    expect(single.blocks).toHaveLength(1);
    expect(single.blocks[0]!.rows.map((r) => r.label)).toEqual([
      'Children in care',
      'Placed out of area (children)',
      'Placed out of preference in the year (children)',
      'Placement cost in the year (GBP million)',
    ]);
  });

  it('add an end column when the run stops mid-year, with the partial year summed', () => {
    const rows = [...baselineRows.filter((r) => r.date < '2026-01-01'), row('2025-09-30', 'in_care', 452, { p05: 440, p95: 470 })];
    const k = keyNumbers({ results: { ...results('Short', rows), end: '2025-09-30' } });
    expect(k.columns).toEqual(['Start (1 Apr 2025)', 'End (to 30 Sep 2025)']);
    expect(rowsOf(k, 0)[0]).toEqual(['Children in care', ['450 (450 to 450)', '452 (440 to 470)']]);
    expect(rowsOf(k, 0).find(([label]) => label === 'Placement cost in the year (GBP million)')).toEqual(['Placement cost in the year (GBP million)', ['', '1.30']]);
  });

  it('render in the terminal with the same cells, a column per date and the notes', () => {
    const k = keyNumbers({ results: results('Baseline', [...baselineRows, ...scenarioRows, ...deltas]) });
    const text = keyNumbersText(k, { width: 80 });
    expect(text).toMatch(/^\s+1 Apr 2025\s+31 Mar 2026$/m);
    expect(text).toMatch(/^ {4}Difference from the baseline\s+0 \(0 to 0\)\s+-48 \(-60 to -35\)$/m);
    expect(text).toMatch(/^ {2}Placement cost in the year \(GBP million\)\s+2\.50$/m);
    for (const line of text.split('\n').slice(-6)) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('escape scenario names and notes on the page', async () => {
    const baseline = makeResults();
    const evil = makeResults({ name: '<b>Early & help</b>', entryFactor: 0.8 });
    const combined = { ...baseline, series: [...baseline.series, ...makeCompare(baseline, [evil]).filter((r) => r.scenario !== 'Baseline')] };
    const html = (await buildReport({ results: combined, images: false })).get('report.html') as string;
    const page = html.replace(/<script>[\s\S]*?<\/script>/g, '').replace(/<script type="application\/json"[\s\S]*?<\/script>/g, '');
    expect(page).toContain('<th scope="rowgroup" colspan="7">&#60;b&#62;Early &#38; help&#60;/b&#62; against Baseline (difference: scenario minus baseline)</th>');
    expect(page).toContain('<td class="sub">Difference from the baseline</td>');
    expect(page).toContain('A difference is scenario minus baseline, paired replication by replication');
    expect(page).not.toContain('<b>Early');
  }, 30_000);
});
