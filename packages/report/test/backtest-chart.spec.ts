import { describe, expect, it } from 'vitest';
import { backtestChartFiles, backtestChartSpec, compileSpec, type BacktestChartInput } from '../src/index.js';

// A two-category backtest: a monthly forecast from 2021-04-01 and the actual stock on two 31 Marches.
const dates = ['2021-04-01', '2021-04-30', '2022-03-31', '2023-03-31'];
const input: BacktestChartInput = {
  parameters: { start: '2021-04-01' },
  series: ['total', 'inhouse_foster', 'ifa_foster'].flatMap((category, c) =>
    dates.map((date, i) => ({ date, category, mean: 100 / (c + 1) + i, p05: 90 / (c + 1), p95: 110 / (c + 1) + 2 * i, expected: 100 / (c + 1) + i / 2 })),
  ),
  rows: ['total', 'inhouse_foster', 'ifa_foster'].flatMap((category, c) =>
    ['2022-03-31', '2023-03-31'].map((date) => ({ date, category, actual: Math.round(100 / (c + 1)) })),
  ),
};
const window = { referenceStart: '2019-04-01', referenceEnd: '2021-03-31' };

describe('backtestChartSpec', () => {
  it('compiles without warnings and holds the forecast band, the expected values and the actual stock', async () => {
    const spec = backtestChartSpec(input, window, ['total'], 'Backtest');
    expect((await compileSpec(spec)).warnings).toEqual([]);
    const values = (spec as unknown as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values.filter((v) => 'actual' in v)).toEqual([
      { panel: 'All children', date: '2022-03-31', actual: 100 },
      { panel: 'All children', date: '2023-03-31', actual: 100 },
    ]);
    expect(values.filter((v) => 'mean' in v)).toHaveLength(dates.length);
    expect(JSON.stringify(spec)).toContain('Fitted on 2019-04-01 to 2021-03-31, forecast from 2021-04-01');
  });

  it('writes the total and one panel per category that has children, as SVG and PNG', async () => {
    const files = await backtestChartFiles(input, window);
    expect([...files.keys()]).toEqual(['charts/backtest-total.svg', 'charts/backtest-total.png', 'charts/backtest-by-category.svg', 'charts/backtest-by-category.png']);
    expect(files.get('charts/backtest-by-category.svg') as string).toContain('In-house foster');
  });
});
