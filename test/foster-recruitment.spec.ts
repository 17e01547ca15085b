import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, memoryIO } from '@carecast/cli';
import type { Results } from '@carecast/engine';
import { REPO, tempDir } from './helpers.js';

// The lever the design names: more in-house foster carers replace IFA placements, because family
// foster care goes to in-house carers while one has a suitable vacancy (types of care and matching).

let tmp: ReturnType<typeof tempDir>;
let results: Results;
let cost: { delta: number; ci95_low: number; ci95_high: number };

beforeAll(async () => {
  tmp = tempDir();
  const io = memoryIO(tmp.dir);
  const code = await main(
    ['compare', join(REPO, 'scenarios/baseline.yaml'), join(REPO, 'scenarios/foster-recruitment.yaml'), '--replications', '40', '--seed', '1', '--out', 'out', '--json'],
    io,
  );
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  const differences = JSON.parse(io.out()).differences as { measure: string; delta: number; ci95_low: number; ci95_high: number }[];
  cost = differences.find((d) => d.measure.startsWith('Cost over the horizon'))!;
  results = JSON.parse(readFileSync(join(tmp.dir, 'out', 'results.json'), 'utf8')) as Results;
}, 180_000);

afterAll(() => tmp.remove());

const endDelta = (category: string) => {
  const rows = results.series.filter((r) => r.delta === true && r.metric === 'in_care' && r.category === category);
  return rows[rows.length - 1]!;
};

describe('foster-recruitment.yaml against the baseline', () => {
  it('shows IFA falling as in-house occupancy rises, each change with a 95% interval excluding zero', () => {
    const inhouse = endDelta('inhouse_foster');
    const ifa = endDelta('ifa_foster');
    expect(inhouse.ci95_low).toBeGreaterThan(0);
    expect(ifa.ci95_high).toBeLessThan(0);
    // Most of the new in-house placements replace IFA ones (the stock itself barely moves).
    expect(-ifa.mean).toBeGreaterThan(0.5 * inhouse.mean);
  });

  it('saves money over the horizon with a 95% interval excluding zero', () => {
    expect(cost.delta).toBeLessThan(0);
    expect(cost.ci95_high).toBeLessThan(0);
  });
});
