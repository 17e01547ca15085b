import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Metric, Results, SeriesRow } from '@carecast/engine';
import {
  ATTRIBUTION_SCALE,
  BY_LEVER_SHEET_COLUMNS,
  buildCharts,
  buildReport,
  byLeverLines,
  chartTextAlternative,
  checkResults,
  compileSpec,
  leverAttribution,
  type LeverAttribution,
} from '../src/index.js';
import { makeCompare, makeResults } from './fixtures.js';

// A baseline and a scenario with two levers, as the cumulative runs of `compare --by-lever` would give:
// the first lever alone (entries down 10%), then both (down 20%, and priced when asked).
const baseline = makeResults();
const first = makeResults({ name: 'Two levers', entryFactor: 0.9 });
const both = makeResults({ name: 'Two levers', entryFactor: 0.8 });
const steps = [
  { label: 'Early help', lever: 'Early help: care-proceedings entries cut by 10%', rows: first.series },
  { label: 'Edge of care', lever: 'Edge of care: a further 10% fewer entries', rows: both.series },
];
const split = leverAttribution({ scenario: 'Two levers', baseline: 'Baseline', baselineRows: baseline.series, steps });

const mean = (rows: readonly SeriesRow[], metric: string, category: string, from: string, to: string) =>
  rows.filter((r) => r.metric === metric && r.category === category && r.date >= from && r.date <= to).reduce((a, r) => a + r.mean, 0);
const units = (x: number, unit: 'children' | 'GBP') => Math.round(x * ATTRIBUTION_SCALE[unit]) || 0;

function withSplit(splits: readonly LeverAttribution[], scenario: Results = both): { results: Results; baseline: Results; compare: SeriesRow[] } {
  const compare = makeCompare(baseline, [scenario]);
  const results = { ...baseline, byLever: splits, series: [...baseline.series, ...compare.filter((r) => r.scenario !== 'Baseline')] } as Results;
  return { results, baseline, compare };
}

describe('leverAttribution', () => {
  it('steps add up exactly to the difference, and the baseline plus them to the scenario, in every measure', () => {
    expect(split.measures.length).toBeGreaterThanOrEqual(5 + 3 + 1 + 6);
    for (const m of split.measures) {
      const sum = m.steps.reduce((a, x) => a + units(x, m.unit), 0);
      expect(sum, `${m.metric} ${m.period}`).toBe(units(m.difference, m.unit));
      expect(units(m.baseline, m.unit) + sum).toBe(units(m.scenario, m.unit));
    }
  });

  it('each step is the difference of the cumulative runs, taken from the rows (children in care, spend per year and over the horizon)', () => {
    const at = (rows: readonly SeriesRow[]) => mean(rows, 'in_care', 'total', '2030-03-31', '2030-03-31');
    const stock = split.measures.find((m) => m.metric === 'in_care' && m.category === 'total' && m.period === '2029-30')!;
    expect(stock.date).toBe('2030-03-31');
    expect(stock.steps[0]).toBeCloseTo(at(first.series) - at(baseline.series), 1);
    expect(stock.steps[1]).toBeCloseTo(at(both.series) - at(first.series), 1);
    expect(stock.difference).toBeCloseTo(at(both.series) - at(baseline.series), 2);
    const spend = (rows: readonly SeriesRow[]) => mean(rows, 'cost', 'total', '2026-04-01', '2027-03-31');
    const year2 = split.measures.find((m) => m.metric === 'cost' && m.period === '2026-27')!;
    expect(Math.abs(year2.steps[0]! - (spend(first.series) - spend(baseline.series)))).toBeLessThanOrEqual(1);
    const horizon = split.measures.find((m) => m.metric === 'cost' && m.period === 'horizon')!;
    expect(Math.abs(horizon.difference - (mean(both.series, 'cost', 'total', '2025-01-01', '2031-01-01') - mean(baseline.series, 'cost', 'total', '2025-01-01', '2031-01-01')))).toBeLessThanOrEqual(1);
    expect(split.measures.filter((m) => m.metric === 'in_care' && m.category !== 'total').map((m) => m.category)).toEqual(['ifa_foster', 'inhouse_residential', 'external_residential']);
  });

  it('for any levels, the rounded steps add up exactly (property)', () => {
    const level = fc.double({ min: -1e9, max: 1e9, noNaN: true });
    fc.assert(
      fc.property(fc.array(level, { minLength: 2, maxLength: 8 }), fc.constantFrom<'children' | 'GBP'>('children', 'GBP'), (levels, unit) => {
        const metric = unit === 'GBP' ? 'cost' : 'placed_out_of_preference';
        const row = (m: SeriesRow['metric'], x: number): SeriesRow => ({ date: '2025-04-30', metric: m, category: 'total', mean: x, p05: x, p25: x, p50: x, p75: x, p95: x, ci95_low: x, ci95_high: x });
        // Financial years come from the cost rows' month ends.
        const rows = (x: number): SeriesRow[] => [row('cost', x), row('placed_out_of_preference', x)];
        const a = leverAttribution({
          scenario: 'S',
          baseline: 'B',
          baselineRows: rows(levels[0]!),
          steps: levels.slice(1).map((x, k) => ({ label: `L${k}`, lever: `lever ${k}`, rows: rows(x) })),
        });
        const m = a.measures.find((x) => x.metric === metric && x.period === 'horizon')!;
        expect(m.steps.reduce((s, x) => s + units(x, unit), 0)).toBe(units(m.difference, unit));
        // Each step is within one rounding unit of the exact difference of levels.
        m.steps.forEach((s, k) => expect(Math.abs(s - (levels[k + 1]! - levels[k]!)) * ATTRIBUTION_SCALE[unit]).toBeLessThanOrEqual(1 + 1e-6 * Math.abs(levels[k]! * ATTRIBUTION_SCALE[unit])));
      }),
    );
  });
});

describe('the by-lever report', () => {
  const data = withSplit([split]);
  const chart = buildCharts(data).find((c) => c.name === 'by-lever')!;

  it('has a waterfall chart that compiles without warnings and names the scenario, the baseline and every lever', async () => {
    expect(chart).toBeDefined();
    expect((await compileSpec(chart.spec)).warnings).toEqual([]);
    const text = JSON.stringify(chart.spec);
    for (const name of ['Two levers', 'Baseline', 'Early help', 'Edge of care', 'Whole scenario']) expect(text).toContain(name);
    const alt = chartTextAlternative(chart.spec);
    expect(alt).toMatch(/^What each lever adds\./);
    expect(alt).toMatch(/Early help [-+][\d.,]+, Edge of care [-+][\d.,]+, Whole scenario [-+][\d.,]+/);
  });

  it('waterfall bars chain: each starts where the one before ended, and the whole ends where the last lever does', () => {
    const values = (chart.spec as unknown as { vconcat: { hconcat: { data: { values: { from: number; to: number; step: string }[] } }[] }[] }).vconcat[0]!.hconcat;
    for (const p of values) {
      const bars = p.data.values;
      for (let i = 1; i < bars.length - 1; i++) expect(bars[i]!.from).toBeCloseTo(bars[i - 1]!.to, 3);
      expect(bars.at(-1)!.from).toBe(0);
      expect(bars.at(-1)!.to).toBeCloseTo(bars.at(-2)!.to, 3);
    }
  });

  it('the table shows steps that add up to the difference shown, in every line', () => {
    const num = (s: string) => Number(s.replace(/[+,]/g, ''));
    for (const l of byLeverLines(split)) {
      const sum = l.steps.reduce((a, s) => a + Math.round(num(s) * 100), 0);
      expect(sum, l.label).toBe(Math.round(num(l.difference) * 100));
      if (l.baseline !== '') expect(Math.round(num(l.baseline) * 100) + sum).toBe(Math.round(num(l.scenario) * 100));
    }
  });

  it('report.html has the table, summary.xlsx a By lever sheet with the results.json figures', async () => {
    const files = await buildReport({ ...data });
    const html = files.get('report.html') as string;
    expect(html).toContain('<section id="by-lever">');
    expect(html).toContain('<caption>Two levers: what each lever adds against Baseline</caption>');
    expect(html).toContain('<th scope="col" title="Early help: care-proceedings entries cut by 10%">+ Early help</th>');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files.get('summary.xlsx') as Uint8Array as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('By lever')!;
    const rows: unknown[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([...BY_LEVER_SHEET_COLUMNS]);
    const horizon = split.measures.find((m) => m.metric === 'cost' && m.period === 'horizon')!;
    const cell = (step: string) => rows.find((r) => r[2] === 'Placement spend over the horizon' && r[4] === step)![7];
    expect(cell('+ Early help')).toBe(horizon.steps[0]);
    expect(cell('Difference (sum of the steps)')).toBe(horizon.difference);
  }, 60_000);

  it('with lever costs, the table and the waterfall give each lever its spend saved, its cost and the net saving', async () => {
    const priced = makeResults({ name: 'Two levers', entryFactor: 0.8, leverCostsPerMonth: { 'Early help': 40_000, 'Edge of care': 10_000 } });
    const firstPriced = makeResults({ name: 'Two levers', entryFactor: 0.9, leverCostsPerMonth: { 'Early help': 40_000 } });
    const a = leverAttribution({ scenario: 'Two levers', baseline: 'Baseline', baselineRows: baseline.series, steps: [{ ...steps[0]!, rows: firstPriced.series }, { ...steps[1]!, rows: priced.series }] });
    const levers = a.measures.find((m) => m.metric === ('lever_cost' as Metric) && m.period === 'horizon')!;
    expect(levers.steps).toEqual([60 * 40_000, 60 * 10_000]);
    const net = byLeverLines(a).find((l) => l.label.startsWith('Net saving over the horizon'))!;
    const cost = a.measures.find((m) => m.metric === 'cost' && m.period === 'horizon')!;
    expect(Number(net.difference.replace(/[+,]/g, ''))).toBeCloseTo(-(cost.difference + levers.difference) / 1e6, 2);
    const spec = buildCharts(withSplit([a], priced)).find((c) => c.name === 'by-lever')!.spec;
    expect(JSON.stringify(spec)).toContain('Early help: lever costs');
    expect(JSON.stringify(spec)).toContain('Net saving');
    expect((await compileSpec(spec)).warnings).toEqual([]);
  });

  it('checkResults names a split whose steps do not add up', () => {
    const bad = structuredClone(split) as unknown as { measures: { steps: number[] }[] };
    bad.measures[0]!.steps[0]! += 1;
    expect(() => checkResults(withSplit([bad as unknown as LeverAttribution]).results)).toThrow(/results\.byLever\[0\]\.measures\[0\]\.steps: expected steps adding up/);
    expect(() => checkResults({ ...baseline, byLever: 'x' } as unknown as Results)).toThrow(/results\.byLever: expected an array/);
  });
});

describe('waterfall labels', () => {
  it('show what each bar adds as the table does, so they add up to the whole', () => {
    const spec = buildCharts(withSplit([split])).find((c) => c.name === 'by-lever')!.spec;
    const panels = (spec as unknown as { vconcat: { hconcat: { data: { values: { label: string; step: string }[] } }[] }[] }).vconcat[0]!.hconcat;
    const table = byLeverLines(split);
    const children = panels[0]!.data.values;
    const end = table.find((l) => l.label === 'Children in care on 31 Mar 2030')!;
    expect(children.map((b) => b.label)).toEqual([...end.steps, end.difference]);
    const money = panels[1]!.data.values;
    const spend = table.find((l) => l.label === 'Placement spend over the horizon')!;
    const neg = (x: string) => (x.startsWith('+') ? `-${x.slice(1)}` : x.startsWith('-') ? `+${x.slice(1)}` : x);
    expect(money.map((b) => b.label)).toEqual([...spend.steps, spend.difference].map(neg));
  });
});
