import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, memoryIO } from '@carecast/cli';
import type { Results } from '@carecast/engine';
import { ATTRIBUTION_SCALE, type LeverAttribution, type ScenarioAssumptions } from '@carecast/report';
import { REPO, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;

async function carecast(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO(tmp.dir);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const read = (dir: string) => JSON.parse(readFileSync(join(tmp.dir, dir, 'results.json'), 'utf8')) as Results & { byLever?: LeverAttribution[] };
const SETTINGS = ['--replications', '12', '--seed', '5'];
let split: LeverAttribution;
let whole: Results & { byLever?: LeverAttribution[] };
let firstOnly: Results;

beforeAll(async () => {
  tmp = tempDir();
  // 18 months keep the test quick; the levers and model are the real scenario files'.
  const horizon = 'horizon: 18 months\n';
  writeFileSync(join(tmp.dir, 'base.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: Base\n${horizon}`);
  writeFileSync(join(tmp.dir, 'foster.yaml'), `extends: ${join(REPO, 'scenarios/foster-recruitment.yaml')}\nname: Foster\n${horizon}`);
  // The foster file's first lever alone: an independent run of what the split's first step should be.
  const recruit = readFileSync(join(REPO, 'scenarios/foster-recruitment.yaml'), 'utf8').split('  - lever: retain-foster-carers')[0]!;
  writeFileSync(join(tmp.dir, 'recruit.yaml'), recruit.replace('extends: baseline.yaml', `extends: ${join(REPO, 'scenarios/baseline.yaml')}`).replace(/^name: .*$/m, `name: Recruit only\n${horizon.trim()}`));
  writeFileSync(join(tmp.dir, 'plain.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: No levers\n${horizon}levers: []\n`);

  const a = await carecast(['compare', 'base.yaml', 'foster.yaml', '--by-lever', ...SETTINGS, '--out', 'split']);
  expect(a.err).toBe('');
  expect(a.code).toBe(0);
  expect(a.out).toContain('Foster: what each lever adds against Base');
  whole = read('split');
  split = whole.byLever![0]!;
  const b = await carecast(['compare', 'base.yaml', 'recruit.yaml', ...SETTINGS, '--out', 'recruit']);
  expect(b.code).toBe(0);
  firstOnly = read('recruit');
}, 240_000);
afterAll(() => tmp.remove());

const deltaAt = (r: Results, scenario: string, metric: string, category: string, date: string) =>
  r.series.find((x) => x.delta === true && x.scenario === scenario && x.metric === metric && x.category === category && x.date === date)!.mean;
const deltaSum = (r: Results, scenario: string, metric: string) =>
  r.series.filter((x) => x.delta === true && x.scenario === scenario && x.metric === metric && x.category === 'total').reduce((a, x) => a + x.mean, 0);

describe('carecast compare --by-lever', () => {
  it('splits the scenario by its two levers, in file order, named by their labels', () => {
    expect(split.scenario).toBe('Foster');
    expect(split.baseline).toBe('Base');
    expect(split.steps.map((s) => s.label)).toEqual(['Recruitment campaign', 'Carer support offer']);
    expect(split.steps[0]!.lever).toMatch(/^Recruitment campaign: 8 extra in-house foster households/);
  });

  it('the steps add up exactly to the whole difference, which is the paired difference of the comparison', () => {
    for (const m of split.measures) {
      const scale = ATTRIBUTION_SCALE[m.unit];
      const sum = m.steps.reduce((a, x) => a + Math.round(x * scale), 0);
      expect(sum, `${m.metric} ${m.category} ${m.period}`).toBe(Math.round(m.difference * scale));
    }
    // The whole is the engine's paired difference (delta rows), to the rounding of the split: the split
    // differences levels each rounded to 0.01 of a child (an error of at most 0.005 each), so it lies
    // within 0.01 of the exact mean difference whatever the draws (pounds: within £1, two roundings to £1).
    const end = split.measures.find((m) => m.metric === 'in_care' && m.category === 'total' && m.period === '2026-27')!;
    expect(Math.abs(end.difference - deltaAt(whole, 'Foster', 'in_care', 'total', end.date!))).toBeLessThanOrEqual(2 * 0.005 + 1e-9);
    const cost = split.measures.find((m) => m.metric === 'cost' && m.period === 'horizon')!;
    expect(Math.abs(cost.difference - deltaSum(whole, 'Foster', 'cost'))).toBeLessThanOrEqual(1);
  });

  it("the first step equals a separate comparison of the first lever alone (common random numbers)", () => {
    const ifa = split.measures.find((m) => m.metric === 'in_care' && m.category === 'ifa_foster')!;
    expect(Math.abs(ifa.steps[0]! - deltaAt(firstOnly, 'Recruit only', 'in_care', 'ifa_foster', ifa.date!))).toBeLessThanOrEqual(0.01);
    expect(ifa.steps[0]).toBeLessThan(0);
    const cost = split.measures.find((m) => m.metric === 'cost' && m.period === 'horizon')!;
    expect(Math.abs(cost.steps[0]! - deltaSum(firstOnly, 'Recruit only', 'cost'))).toBeLessThanOrEqual(1);
  });

  it('results.json records each scenario\'s assumptions as the scenario files give them', () => {
    const a = (whole as unknown as { assumptions: ScenarioAssumptions[] }).assumptions;
    expect(a.map((x) => x.scenario)).toEqual(['Base', 'Foster']);
    // scenarios/baseline.yaml: £820 per week for IFA, 3% inflation, 72 households with 2 places, 10% matching, 16 beds.
    expect(a[0]!.weeklyCostGbp.ifa_foster).toBe(820);
    expect(a[0]!.inflationPerYear).toBe(0.03);
    expect(a[0]!.priceBase).toBe('2025-04-01');
    expect(a[0]!.capacity).toContainEqual(expect.objectContaining({ category: 'inhouse_foster', households: 72, placesPerHousehold: 2, matchProbability: 0.1 }));
    expect(a[0]!.capacity).toContainEqual(expect.objectContaining({ category: 'inhouse_residential', beds: 16 }));
    expect(a[1]!.levers).toHaveLength(2);
  });

  it('carecast report re-renders the split from results.json', async () => {
    const r = await carecast(['report', 'split/results.json', '--out', 'again']);
    expect(r.code).toBe(0);
    const html = readFileSync(join(tmp.dir, 'again', 'report.html'), 'utf8');
    expect(html).toContain('<caption>Foster: what each lever adds against Base</caption>');
    expect(html).toContain('id="figure-by-lever"');
  }, 120_000);

  it('with one file, splits it against itself without levers', async () => {
    const r = await carecast(['compare', '--by-lever', 'foster.yaml', ...SETTINGS, '--out', 'one', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { baseline: string; byLever: LeverAttribution[] };
    expect(out.baseline).toBe('Foster without levers');
    // Without levers the foster file is the baseline model, so the split is the same as against Base.
    expect(out.byLever[0]!.measures).toEqual(split.measures);
  }, 120_000);

  it('refuses, with exit 2 and nothing written, a file without levers, independent streams and a missing scenario', async () => {
    const cases: [string[], RegExp][] = [
      [['compare', 'base.yaml', 'plain.yaml', '--by-lever'], /plain\.yaml: has no levers; --by-lever splits/],
      [['compare', 'base.yaml', 'foster.yaml', '--by-lever', '--streams', 'independent'], /--by-lever: the split by lever needs common random numbers/],
      [['compare', 'base.yaml'], /expected a baseline and at least one scenario file/],
    ];
    for (const [args, message] of cases) {
      const r = await carecast([...args, ...SETTINGS, '--out', 'refused']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
    }
    expect(() => readFileSync(join(tmp.dir, 'refused', 'results.json'))).toThrow();
  });
});
