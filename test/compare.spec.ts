import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, memoryIO } from '@carecast/cli';
import type { Results } from '@carecast/engine';
import { REPO, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;

interface Difference {
  scenario: string;
  measure: string;
  delta: number;
  ci95_low: number;
  ci95_high: number;
}

async function compare(streams: 'common' | 'independent', out: string): Promise<Difference[]> {
  const io = memoryIO(tmp.dir);
  const code = await main(
    ['compare', 'base.yaml', 'early.yaml', '--replications', '16', '--seed', '3', '--streams', streams, '--out', out, '--json'],
    io,
  );
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  return JSON.parse(io.out()).differences as Difference[];
}

let common: Difference[];
let independent: Difference[];

beforeAll(async () => {
  tmp = tempDir();
  // 18 months keep the test quick; the levers and model are the real scenario files'.
  writeFileSync(join(tmp.dir, 'base.yaml'), `extends: ${join(REPO, 'scenarios/baseline.yaml')}\nname: Base\nhorizon: 18 months\n`);
  writeFileSync(join(tmp.dir, 'early.yaml'), `extends: ${join(REPO, 'scenarios/early-help-25.yaml')}\nname: Early help\nhorizon: 18 months\n`);
  common = await compare('common', 'common');
  independent = await compare('independent', 'independent');
}, 180_000);
afterAll(() => tmp.remove());

const width = (d: Difference) => d.ci95_high - d.ci95_low;

describe('carecast compare', () => {
  it('reports stock, cost, out of area and out of preference differences with 95% intervals', () => {
    expect(common.map((d) => d.measure)).toEqual([
      'In care at end',
      'Out of area at end',
      'Cost over the horizon (£)',
      'Placed out of preference over the horizon',
    ]);
    for (const d of common) {
      expect(d.scenario).toBe('Early help');
      expect(d.ci95_low).toBeLessThanOrEqual(d.delta);
      expect(d.delta).toBeLessThanOrEqual(d.ci95_high);
    }
    const stock = common.find((d) => d.measure === 'In care at end')!;
    expect(stock.ci95_high).toBeLessThan(0);
  });

  it('common random numbers give a narrower interval than independent streams', () => {
    for (const measure of ['In care at end', 'Cost over the horizon (£)']) {
      const c = common.find((d) => d.measure === measure)!;
      const i = independent.find((d) => d.measure === measure)!;
      expect(width(c)).toBeLessThan(width(i));
    }
  });

  it('results.json holds the baseline rows, the scenario rows and the paired differences', () => {
    const results = JSON.parse(readFileSync(join(tmp.dir, 'common', 'results.json'), 'utf8')) as Results;
    expect(results.scenario.name).toBe('Base');
    expect(results.levers).toEqual([expect.stringMatching(/^Early help: Early help: care-proceedings entries/), expect.stringMatching(/^Early help: Early-help service: a service costing/)]);
    const kinds = new Set(results.series.map((r) => `${r.scenario ?? ''}|${r.delta === true}`));
    expect([...kinds].sort()).toEqual(['Early help|false', 'Early help|true', '|false']);
    const deltaEnd = results.series.filter((r) => r.delta === true && r.metric === 'in_care' && r.category === 'total').at(-1)!;
    const stock = common.find((d) => d.measure === 'In care at end')!;
    expect(deltaEnd.mean).toBeCloseTo(stock.delta, 9);
  });
});
