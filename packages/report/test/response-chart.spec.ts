import { describe, expect, it } from 'vitest';
import { compileSpec, questionReportFiles, responseCurveSpec, responseHeatmapSpec, type ResponsePoint } from '../src/index.js';

const point = (values: number[], measure: string, mean: number): ResponsePoint => ({ values, measure, mean, p05: mean - 10, p95: mean + 10, ci95_low: mean - 2, ci95_high: mean + 2 });
const axis = { lever: 'Recruitment campaign', setting: 'extraHouseholdsPerYear', unit: 'per year' };
const json = (x: unknown) => JSON.stringify(x);

describe('response charts', () => {
  it('draw the mean, its interval, the range, the target line and the answer, compiling without warnings', async () => {
    const points = [point([0], 'in_care[ifa_foster]', 101), point([4], 'in_care[ifa_foster]', 77.7), point([8], 'in_care[ifa_foster]', 60.8), point([0], 'cost[total] per year', 3e7)];
    const spec = responseCurveSpec({ points, axis, measure: 'in_care[ifa_foster]', unit: 'children', date: '2030-03-31', replications: 200, target: { value: 80, text: 'in_care[ifa_foster] < 80 by 2030-03-31' }, answer: 4 })!;
    expect((await compileSpec(spec)).warnings).toEqual([]);
    const text = json(spec);
    expect(text).toContain('"y":80');
    expect(text).toContain('Answer: 4');
    // Only the measure's own points, each with its range and interval.
    expect(text).toContain('{"value":4,"mean":77.7,"p05":67.7,"p95":87.7,"lo":75.7,"hi":79.7}');
    expect(text).not.toContain('30000000');
    expect(responseCurveSpec({ points, axis, measure: 'out_of_area_share', unit: 'share', date: '2030-03-31', replications: 200 })).toBeUndefined();
  });

  it('draw two settings as a heat map, marking cells meeting the target', async () => {
    const points = [point([0, 0], 'm', 3), point([0, 10], 'm', 2), point([4, 0], 'm', 1), point([4, 10], 'm', 0.5)];
    const spec = responseHeatmapSpec({ points, axes: [axis, { lever: 'Carer support offer', setting: 'by', unit: '%' }], measure: 'm', unit: 'children', date: '2030-03-31', replications: 50, target: { value: 1, text: 'm <= 1' }, meetsTarget: (x) => x <= 1 })!;
    expect((await compileSpec(spec)).warnings).toEqual([]);
    const rows = (spec as unknown as { data: { values: { mean: number; met: string }[] } }).data.values;
    expect(rows.map((r) => r.met)).toEqual(['', '', ' ✓', ' ✓']);
  });

  it('make a page with no script and the charts inline, and the chart files', async () => {
    const spec = responseCurveSpec({ points: [point([0], 'm', 1), point([1], 'm', 2)], axis, measure: 'm', unit: 'children', date: '2030-03-31', replications: 10 })!;
    const files = await questionReportFiles({ title: 'Sweep <x>', sentences: ['One & two'], facts: [['Seed', '1']], table: { caption: 'c', head: ['a'], rows: [['1']] }, charts: [{ name: 'r', caption: 'cap', spec }] });
    expect([...files.keys()].sort()).toEqual(['charts/r.svg', 'charts/r.vl.json', 'report.html']);
    const html = files.get('report.html')!;
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<svg');
    expect(html).toContain('Sweep &#60;x&#62;');
    expect(html).toContain('One &#38; two');
  });
});
