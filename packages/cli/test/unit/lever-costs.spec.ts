import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_TEXT, cli, tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
const write = (name: string, body: string) => writeFileSync(join(tmp.dir, name), `extends: baseline.yaml\nname: ${name}\nhorizon: 1 year\n${body}`);
beforeAll(() => {
  tmp = tempDir();
  writeFileSync(join(tmp.dir, 'baseline.yaml'), BASELINE_TEXT);
  write('costed.yaml', 'levers:\n  - lever: service-cost\n    label: Early help\n    cost: £120,000 per year\n    from: 2025-04-01\n');
  write('unitless.yaml', 'levers:\n  - lever: service-cost\n    label: Early help\n    cost: 120000\n    from: 2025-04-01\n');
});
afterAll(() => tmp.remove());

describe('lever costs through the command line', () => {
  it('run writes lever_cost by label and total to results.json and summary.csv; cost stays placement cost', async () => {
    const r = await cli(['run', 'costed.yaml', '--replications', '2', '--seed', '1', '--out', 'out'], tmp.dir);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(tmp.dir, 'out', 'results.json'), 'utf8')) as { series: { metric: string; category: string; mean: number }[] };
    const lever = results.series.filter((s) => s.metric === 'lever_cost');
    expect([...new Set(lever.map((s) => s.category))]).toEqual(['Early help', 'total']);
    // £120,000 a year for a year (the baseline's inflation adds at most a few per cent).
    const total = lever.filter((s) => s.category === 'total').reduce((a, s) => a + s.mean, 0);
    expect(total).toBeGreaterThan(119_000);
    expect(total).toBeLessThan(125_000);
    const csv = readFileSync(join(tmp.dir, 'out', 'summary.csv'), 'utf8');
    expect(csv).toMatch(/\n2025-04-30,lever_cost,Early help,,false,/);
    expect(csv).toMatch(/\n2025-04-30,lever_cost,total,,false,/);
  }, 120_000);

  it('a lever cost without a unit: file:line:col, exit 2, nothing written', async () => {
    const r = await cli(['run', 'unitless.yaml', '--out', 'bad-out'], tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^unitless\.yaml:7:11: levers\[0\]\.cost: .*per year/);
    expect(existsSync(join(tmp.dir, 'bad-out'))).toBe(false);
  }, 60_000);
});
