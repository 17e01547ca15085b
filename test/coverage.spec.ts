import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileScenarioFile } from '@carecast/scenario';
import { coverage, coverageStudy } from '../bench/coverage-study.js';

// A small fixed-seed version of the coverage study (`pnpm bench coverage` runs 30 authorities): two
// generated authorities fitted on three years and forecast one and two years ahead, with and without
// parameter uncertainty. With only 2 x 2 dates the shares are coarse; the test checks that rate
// uncertainty widens the bands and that the bands hold most actual stocks, by category and in total.
describe('coverage of forecast bands on generated authorities', () => {
  it('widens every total band with parameter uncertainty and covers most actual stocks', async () => {
    const repo = fileURLToPath(new URL('../', import.meta.url));
    const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });
    const rows = await coverageStudy({ truth: params, scales: [1], seeds: [201, 202], referenceYears: 3, horizonYears: 2, replications: 100 });
    const totals = rows.filter((r) => r.category === 'total');
    expect(totals).toHaveLength(4);
    for (const r of totals) expect(r.bands.with.p95 - r.bands.with.p05).toBeGreaterThan(r.bands.without.p95 - r.bands.without.p05);
    const categories = rows.filter((r) => r.category !== 'total' && (r.actual > 0 || r.bands.with.p95 > 0));
    const withU = coverage(categories, 'with');
    const withoutU = coverage(categories, 'without');
    expect(withU.in90).toBeGreaterThanOrEqual(withoutU.in90);
    expect(withU.in90).toBeGreaterThan(0.75);
    expect(withU.in50).toBeGreaterThan(0.3);
    expect(withU.in50).toBeLessThan(0.8);
  }, 120_000);
});
