import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, memoryIO } from '@carecast/cli';
import { REPO, tempDir } from './helpers.js';

// The questions shipped in scenarios/foster-recruitment.yaml answer end to end (small runs: the
// figures in the docs come from the file's own 200 replications).

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
});
afterAll(() => tmp.remove());

const FILE = () => join(REPO, 'scenarios/foster-recruitment.yaml');

describe('the foster recruitment questions', () => {
  it('seek: a few extra in-house households a year bring IFA placements under 80 by 2029-30', async () => {
    const io = memoryIO(tmp.dir);
    const code = await main(['seek', FILE(), '--question', 'IFA under 80', '--replications', '16', '--max-replications', '16', '--out', 'seek', '--json'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(io.out());
    // The supply-aware expected-value projection sees the households, so it brackets the answer itself.
    expect(r).toMatchObject({ kind: 'seek', status: 'found', direction: 'smallest', setting: 'extraHouseholdsPerYear', date: '2030-03-31', bracket: 'expected-value' });
    // Without the campaign (0 a year) IFA stays near 100; with 20 a year it falls to about 47.
    expect(r.answer).toBeGreaterThanOrEqual(1);
    expect(r.answer).toBeLessThanOrEqual(10);
    expect(existsSync(join(tmp.dir, 'seek/charts/seek-response.svg'))).toBe(true);
  }, 180_000);

  it('sweep: IFA placements fall as recruitment rises, the same children entering at every value', async () => {
    const io = memoryIO(tmp.dir);
    const code = await main(['sweep', FILE(), '--lever', 'Recruitment campaign', '--values', '0,8,16', '--measure', 'in_care[ifa_foster]', '--measure', 'entries[total] per year', '--replications', '16', '--out', 'sweep'], io);
    expect(code).toBe(0);
    const doc = JSON.parse(readFileSync(join(tmp.dir, 'sweep/results.json'), 'utf8'));
    const means = (m: string) => doc.rows.filter((r: { measure: string }) => r.measure === m).map((r: { mean: number }) => r.mean);
    const ifa = means('in_care[ifa_foster]');
    expect(ifa[1]).toBeLessThan(ifa[0]);
    expect(ifa[2]).toBeLessThan(ifa[1]);
    expect(new Set(means('entries[total] per year')).size).toBe(1);
  }, 180_000);
});
