import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, memoryIO } from '@carecast/cli';
import type { Results, SeriesRow } from '@carecast/engine';
import { REPO, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;

beforeAll(() => {
  tmp = tempDir();
  // Last year's forecast and this year's, a year apart (short horizons keep the test quick).
  writeFileSync(join(tmp.dir, 'last.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: Last year\nstart: 2025-04-01\nhorizon: 2 years\n`);
  writeFileSync(join(tmp.dir, 'this.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: This year\nstart: 2026-04-01\nhorizon: 2 years\n`);
  writeFileSync(join(tmp.dir, 'later.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: Later\nstart: 2028-04-01\nhorizon: 1 year\n`);
});
afterAll(() => tmp.remove());

describe('carecast compare across start dates', () => {
  it('lays a forecast over last year\'s on calendar dates and pairs differences on the month ends both cover', async () => {
    const io = memoryIO(tmp.dir);
    const code = await main(['compare', 'last.yaml', 'this.yaml', '--replications', '8', '--seed', '2', '--out', 'out'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toMatch(/The scenarios run over different dates \(Last year 2025-04-01 to 2027-03-31; This year 2026-04-01 to 2028-03-31\)/);
    const results = JSON.parse(readFileSync(join(tmp.dir, 'out', 'results.json'), 'utf8')) as Results;
    const inCare = (pick: (r: SeriesRow) => boolean) => results.series.filter((r) => r.metric === 'in_care' && r.category === 'total' && pick(r));
    const last = inCare((r) => r.scenario === undefined);
    const next = inCare((r) => r.scenario === 'This year' && r.delta !== true);
    const delta = inCare((r) => r.scenario === 'This year' && r.delta === true);
    // Each scenario keeps its own dates: the union on the calendar, with gaps where one does not run.
    expect(last[0]!.date).toBe('2025-04-01');
    expect(last[last.length - 1]!.date).toBe('2027-03-31');
    expect(next[0]!.date).toBe('2026-04-01');
    expect(next[next.length - 1]!.date).toBe('2028-03-31');
    // Differences only on the month ends both cover: 30 April 2026 to 31 March 2027.
    expect(delta.map((r) => r.date)).toEqual(next.map((r) => r.date).filter((d) => last.some((l) => l.date === d)));
    expect(delta.map((r) => r.date)[0]).toBe('2026-04-30');
    expect(delta).toHaveLength(12);
    // Paired on calendar dates: the mean difference on a date is this year's mean minus last year's on that date.
    for (const d of delta) {
      const a = last.find((r) => r.date === d.date)!;
      const b = next.find((r) => r.date === d.date)!;
      expect(d.mean).toBeCloseTo(b.mean - a.mean, 9);
    }
    const html = readFileSync(join(tmp.dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('The scenarios run over different dates (This year runs from 1 Apr 2026 to 31 Mar 2028');
    expect(html).toContain('Differences are paired only on the month ends both runs cover');
  }, 120_000);

  it('refuses scenarios with no date in common, and a split by lever across dates', async () => {
    const io = memoryIO(tmp.dir);
    expect(await main(['compare', 'last.yaml', 'later.yaml', '--replications', '2', '--out', 'none'], io)).toBe(2);
    expect(io.err()).toMatch(/share no calendar date \(Last year 2025-04-01 to 2027-03-31; Later 2028-04-01 to 2029-03-31\)/);
    writeFileSync(
      join(tmp.dir, 'early.yaml'),
      `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: Early\nstart: 2026-04-01\nhorizon: 1 year\nlevers:\n  - lever: reduce-entries\n    label: Early help\n    routes: [care_proceedings]\n    by: 25%\n    from: 2026-04-01\n`,
    );
    const lever = memoryIO(tmp.dir);
    expect(await main(['compare', 'last.yaml', 'early.yaml', '--by-lever', '--replications', '2', '--out', 'none'], lever)).toBe(2);
    expect(lever.err()).toMatch(/--by-lever: the split by lever needs every scenario on the baseline's dates/);
  }, 60_000);
});
