import { describe, expect, it } from 'vitest';
import { bedsLever, lossSystem, scenarioFolder } from '../loss-system.js';

// `--no-parameter-uncertainty` in sweep and seek: a scenario whose entry rate is uncertain (Gamma with
// shape 12: relative sd 1/sqrt(12), about 29%) against Poisson entries alone (relative sd about 9% at
// 120 a year), so the band of entries per year is about three times wider with the posterior than without.
const UNCERTAIN = lossSystem({
  name: 'Uncertain entries',
  horizon: '2 years',
  replications: 60,
  seed: 3,
  entriesPerYear: 120,
  exitsPerYear: 6,
  beds: 10,
  uncertainty: { exits: { shape: 40, rate: 6.667 }, entries: { shape: 12, rate: 0.1 } },
  levers: [bedsLever()],
});
const { run, read } = scenarioFolder({ 'uncertain.yaml': UNCERTAIN });

interface Band {
  values?: number[];
  value?: number;
  measure?: string;
  p05: number;
  p95: number;
}
const width = (b: Band) => b.p95 - b.p05;

describe('sweep --no-parameter-uncertainty', () => {
  it('draws the rates from their posteriors by default and takes them as known with the flag: a narrower band, recorded', async () => {
    const base = ['sweep', 'uncertain.yaml', '--lever', 'Beds', '--values', '0,5', '--measure', 'entries[total] per year'];
    const withRates = await run([...base, '--out', 'sweep-rates']);
    const pathsOnly = await run([...base, '--no-parameter-uncertainty', '--out', 'sweep-paths']);
    expect(withRates.code).toBe(0);
    expect(pathsOnly.code).toBe(0);
    const a = JSON.parse(read('sweep-rates/results.json'));
    const b = JSON.parse(read('sweep-paths/results.json'));
    expect(a.uncertainty).toBe('children-paths-and-rates');
    expect(b.uncertainty).toBe('children-paths');
    for (let i = 0; i < a.rows.length; i++) {
      // Gamma(12) over Poisson(120): the 5-95% band of entries per year is about 3 times as wide.
      expect(width(a.rows[i])).toBeGreaterThan(1.8 * width(b.rows[i]));
      // The means agree within their Monte Carlo error (the posterior's mean is the written rate).
      expect(Math.abs(a.rows[i].mean - b.rows[i].mean)).toBeLessThan(4 * (a.rows[i].ci95_high - a.rows[i].ci95_low) / 2);
    }
    expect(read('sweep-rates/report.html')).toContain('the uncertainty of rates estimated from data');
    expect(read('sweep-paths/report.html')).toContain('children&#39;s paths only, the rates taken as known');
    expect(withRates.stdout).toContain('the uncertainty of rates estimated from data');
    expect(pathsOnly.stdout).toContain("children's paths only");
  }, 120_000);

  it('shows the option in --help with the same words as run', async () => {
    const sweep = await run(['sweep', '--help']);
    const runHelp = await run(['run', '--help']);
    const line = (text: string) => text.split('\n').find((l) => l.includes('--parameter-uncertainty'))?.trim();
    expect(line(sweep.stdout)).toBeDefined();
    expect(line(sweep.stdout)).toBe(line(runHelp.stdout));
    expect(line((await run(['seek', '--help'])).stdout)).toBe(line(runHelp.stdout));
  });
});

describe('seek --no-parameter-uncertainty', () => {
  it('records what its ranges hold, and with the flag every band tried is narrower', async () => {
    const base = ['seek', 'uncertain.yaml', '--lever', 'Beds', '--target', 'in_care[external_residential] <= 3 by 2027-03-31', '--from', '0', '--to', '30', '--replications', '60', '--max-replications', '60'];
    const withRates = await run([...base, '--out', 'seek-rates']);
    const pathsOnly = await run([...base, '--no-parameter-uncertainty', '--out', 'seek-paths']);
    expect(withRates.code).toBe(0);
    expect(pathsOnly.code).toBe(0);
    const a = JSON.parse(read('seek-rates/results.json'));
    const b = JSON.parse(read('seek-paths/results.json'));
    expect(a.uncertainty).toBe('children-paths-and-rates');
    expect(b.uncertainty).toBe('children-paths');
    const simulated = (doc: { evidence: (Band & { stage: string; value: number })[] }) => new Map(doc.evidence.filter((e) => e.stage === 'simulation').map((e) => [e.value, e]));
    const sa = simulated(a);
    const sb = simulated(b);
    const common = [...sa.keys()].filter((v) => sb.has(v) && width(sa.get(v)!) > 0);
    expect(common.length).toBeGreaterThan(0);
    const ratio = common.reduce((s, v) => s + width(sa.get(v)!), 0) / common.reduce((s, v) => s + width(sb.get(v)!), 0);
    expect(ratio).toBeGreaterThan(1.3);
    expect(read('seek-paths/report.html')).toContain('children&#39;s paths only, the rates taken as known');
  }, 120_000);
});
