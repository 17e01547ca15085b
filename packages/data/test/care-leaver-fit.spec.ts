import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { compileScenarioFile } from '@carecast/scenario';
import { ACCOMMODATIONS, CARE_LEAVER_AGES, type ModelParameters } from '@carecast/engine';
import {
  buildSpells,
  calibrate,
  findOc3Files,
  findSsda903Files,
  fitCareLeavers,
  readOc3,
  readOc3Files,
  readSsda903,
  scenarioAccommodationMix,
  synthesize,
  toScenarioYaml,
  type CalibrationResult,
} from '../src/index.js';

const BASELINE = resolve(__dirname, '../../../scenarios/baseline.yaml');
const WINDOW = { referenceStart: '2026-04-01', referenceEnd: '2029-03-31' };

describe('care-leaver accommodation mix from OC3', () => {
  // Oracle: the synthetic OC3 rows are drawn independently from the scenario's own mix, so each fitted
  // share is a binomial proportion around the true one (standard error sqrt(p(1-p)/n), n young people
  // of that age over the four years). Staying put is one OC3 code (Z): its in-house/IFA split is not in
  // OC3, so the two are compared together.
  // Four years of synthetic returns, each year's oc3.csv in its own folder (2026 to 2029), calibrated on the window.
  let params: ModelParameters;
  let dir: string;
  let result: CalibrationResult;
  beforeAll(async () => {
    params = (await compileScenarioFile(BASELINE)).params as ModelParameters;
    dir = mkdtempSync(join(tmpdir(), 'carecast-oc3-fit-'));
    await synthesize(params, { years: 4, seed: 9, out: dir });
    result = calibrate(buildSpells(await readSsda903(await findSsda903Files(dir))), WINDOW);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('recovers the accommodation mix synth drew its OC3 tables from (every share within 4 binomial standard errors)', async () => {
    const files = await findOc3Files(dir);
    expect(files.map((f) => f.year)).toEqual([2026, 2027, 2028, 2029]);
    const oc3 = await readOc3Files(files, 2029);
    expect(oc3.unusable).toBe(0);
    const fit = fitCareLeavers(result, oc3);
    const truth = scenarioAccommodationMix(params);
    let z2 = 0;
    let cells = 0;
    for (const e of fit.evidence) {
      expect(e.fitted).toBe(true);
      const n = e.youngPeople;
      expect(n).toBeGreaterThan(150);
      const est = fit.accommodationByAge[e.age];
      const t = truth[e.age];
      const pairs: [string, number, number][] = ACCOMMODATIONS.filter((a) => !a.startsWith('staying_put')).map((a) => [a, est[a], t[a]]);
      pairs.push(['staying put', est.staying_put_inhouse + est.staying_put_ifa, t.staying_put_inhouse + t.staying_put_ifa]);
      for (const [a, p̂, p] of pairs) {
        const se = Math.sqrt((Math.max(p, 1 / n) * (1 - p)) / n);
        expect(Math.abs(p̂ - p), `${e.age} ${a}: fitted ${p̂}, true ${p}`).toBeLessThan(4 * se + 1e-4);
        if (p > 0) {
          z2 += ((p̂ - p) / se) ** 2;
          cells++;
        }
      }
      expect(ACCOMMODATIONS.reduce((s, a) => s + est[a], 0)).toBeCloseTo(1, 10);
    }
    // Across all cells the squared standard errors average about 1 (less: shares of one age are not independent).
    expect(z2 / cells).toBeLessThan(2);
    // The staying-put split follows the 16-17-year-olds in in-house and IFA foster care.
    for (const age of CARE_LEAVER_AGES) {
      const sp = fit.accommodationByAge[age].staying_put_inhouse + fit.accommodationByAge[age].staying_put_ifa;
      if (sp > 0) expect(fit.accommodationByAge[age].staying_put_inhouse / sp).toBeCloseTo(fit.inhouseShare, 2);
    }
    // The scenario written from it carries the fitted mix, labelled with its source, and compiles.
    const yaml = toScenarioYaml({ ...result }, { careLeavers: fit, suppressBelow: 5 });
    expect(yaml).toContain('Accommodation mix by age from the OC3 care-leaver table');
    expect(yaml).not.toContain('ILLUSTRATIVE DEFAULT');
    writeFileSync(join(dir, 'fitted.yaml'), yaml);
    const compiled = await compileScenarioFile(join(dir, 'fitted.yaml'));
    expect(compiled.params.careLeavers?.accommodationByAge).toEqual(fit.accommodationByAge);
    expect(compiled.params.careLeavers?.initialPopulation).toEqual(fit.initialByAge);
  }, 120_000);

  it('one table whose YEAR column spans the four years fits as the four files do: the mix from every year, the care leavers on the start date from the window\'s end year alone', async () => {
    const files = await findOc3Files(dir);
    // The four years' rows in one file, interleaved (split by value, not by position), YEAR written both ways DfE and regional tables do.
    const rows = files.map((f) => readFileSync(f.path, 'utf8').trim().split('\n').slice(1).map((line) => `${f.year === 2027 ? '2026-27' : f.year},${line}`));
    const mixed: string[] = [];
    for (let i = 0; i < Math.max(...rows.map((r) => r.length)); i++) for (const r of rows) if (i < r.length) mixed.push(r[i]!);
    const stacked = join(dir, 'all-years-oc3.csv');
    writeFileSync(stacked, `YEAR,CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n${mixed.join('\n')}\n`);
    const one = await readOc3Files([{ path: stacked, year: undefined }], 2029);
    expect(one.unusable).toBe(0);
    expect(one.files).toEqual([{ path: stacked, years: [2026, 2027, 2028, 2029] }]);
    const fromOne = fitCareLeavers(result, one);
    const fromFour = fitCareLeavers(result, await readOc3Files(files, 2029));
    expect(fromOne.accommodationByAge).toEqual(fromFour.accommodationByAge);
    expect(fromOne.evidence).toEqual(fromFour.evidence);
    // Oracle: the 2029 file read on its own, young people by age group 18, 19, 20 (the start population's ages).
    const last = await readOc3(files[3]!.path, 2029);
    const expected = Object.fromEntries([18, 19, 20].map((age, g) => [String(age), last.counts[g]!.reduce((x, y) => x + y, 0) + last.stayingPut[g]!]));
    expect(fromOne.initialByAge).toEqual(expected);
    expect(fromFour.initialByAge).toEqual(expected);
    const total = Object.values(expected).reduce((x, y) => x + y, 0);
    expect(total).toBeGreaterThan(100);
    // Every year summed would be about four times as many.
    expect(total).toBeLessThan(one.used / 3);
    // A window ending on 31 March 2028 takes the 2028 rows of the same table.
    const earlier = fitCareLeavers({ ...result, evidence: { ...result.evidence, referenceEnd: '2028-03-31' } }, one);
    const of2028 = await readOc3(files[2]!.path, 2028);
    expect(earlier.initialByAge?.['18']).toBe(of2028.counts[0]!.reduce((x, y) => x + y, 0) + of2028.stayingPut[0]!);
  }, 60_000);

  it('labels thin ages as the default and keeps the file labelled without OC3', async () => {
    const params = (await compileScenarioFile(BASELINE)).params as ModelParameters;
    const dir = mkdtempSync(join(tmpdir(), 'carecast-oc3-thin-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    await synthesize(params, { years: 2, seed: 4, out: dir });
    const result = calibrate(buildSpells(await readSsda903(await findSsda903Files(dir))), { referenceStart: '2025-04-01', referenceEnd: '2027-03-31' });
    expect(toScenarioYaml(result)).toContain('ILLUSTRATIVE DEFAULT: the episodes hold no care-leaver accommodation');
    const oc3 = await readOc3Files(await findOc3Files(dir), 2027);
    const fit = fitCareLeavers(result, oc3, 10_000);
    expect(fit.evidence.every((e) => !e.fitted)).toBe(true);
    expect(toScenarioYaml(result, { careLeavers: fit })).toMatch(/ILLUSTRATIVE DEFAULT for ages 18, 19, 20, 21\+: fewer than/);
  }, 120_000);
});
