import { describe, expect, it } from 'vitest';
import { compileSpec, rollingCategories, rollingCoverageSpec, rollingForecastSpec, rollingReportFiles, type RollingChartInput } from '../src/index.js';

// Two origins a year apart, each forecast a year ahead, for the total and two categories.
const categories = ['total', 'inhouse_foster', 'ifa_foster'];
const origins: [string, string[]][] = [
  ['2022-03-31', ['2022-04-01', '2022-09-30', '2023-03-31']],
  ['2023-03-31', ['2023-04-01', '2023-09-30', '2024-03-31']],
];
const input: RollingChartInput = {
  series: origins.flatMap(([origin, dates]) =>
    categories.flatMap((category, c) => dates.map((date, i) => ({ origin, date, category, mean: 100 / (c + 1) + i, p05: 90 / (c + 1), p25: 95 / (c + 1), p75: 105 / (c + 1) + i, p95: 110 / (c + 1) + 2 * i }))),
  ),
  rows: origins.flatMap(([origin, dates]) => categories.map((category, c) => ({ origin, date: dates[2]!, category, actual: Math.round(100 / (c + 1)) }))),
  summaries: categories.map((category) => ({ horizonMonths: 12, category, forecasts: 2, within50: 1, within90: 2 })),
};

const valuesOf = (spec: unknown) => (spec as { data: { values: Record<string, unknown>[] } }).data.values;

describe('rolling backtest charts', () => {
  it('draw each origin with its bands and the actual stock once per date, and compile without warnings', async () => {
    const spec = rollingForecastSpec(input, ['total'], 'Rolling')!;
    expect((await compileSpec(spec)).warnings).toEqual([]);
    const values = valuesOf(spec);
    expect(values.filter((v) => 'actual' in v)).toEqual([
      { panel: 'All children', date: '2023-03-31', actual: 100 },
      { panel: 'All children', date: '2024-03-31', actual: 100 },
    ]);
    expect(new Set(values.filter((v) => 'mean' in v).map((v) => v['origin']))).toEqual(new Set(['2022-03-31', '2023-03-31']));
    expect(rollingCategories(input)).toEqual(['inhouse_foster', 'ifa_foster']);
    expect((await compileSpec(rollingForecastSpec(input, rollingCategories(input), 'By category')!)).warnings).toEqual([]);
    expect(rollingForecastSpec(input, ['secure'], 'None')).toBeUndefined();
  });

  it('show the share inside each band against the nominal 50% and 90%', async () => {
    const spec = rollingCoverageSpec(input)!;
    expect((await compileSpec(spec)).warnings).toEqual([]);
    const total = valuesOf(spec).filter((v) => v['category'] === 'All children');
    expect(total.map((v) => [v['share'], v['nominal']])).toEqual([
      [0.5, 0.5],
      [1, 0.9],
    ]);
    expect(rollingCoverageSpec({ ...input, summaries: [] })).toBeUndefined();
  });

  it('make one offline page with the charts inline and the tables escaped', async () => {
    const files = await rollingReportFiles({
      title: 'Rolling <test>',
      sentences: ['One sentence.'],
      facts: [['Seed', '1']],
      charts: [{ name: 'rolling-coverage', caption: 'Coverage', spec: rollingCoverageSpec(input)! }],
      tables: [{ caption: 'Table', head: ['a'], rows: [['<b>']] }],
      notes: ['A note.'],
    });
    expect([...files.keys()].sort()).toEqual(['charts/rolling-coverage.svg', 'charts/rolling-coverage.vl.json', 'report.html']);
    const html = files.get('report.html')!;
    expect(html).toContain('<title>Rolling &#60;test&#62;</title>');
    expect(html).toContain('<td>&#60;b&#62;</td>');
    expect(html).toMatch(/<svg role="img" aria-label="[^"]+"/);
    expect(html).not.toMatch(/<script/);
  });
});
