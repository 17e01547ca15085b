import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';
import { carecast, tempDir } from './helpers.js';
import { dmyToIso, LAYOUTS, readCsv, stockFromCsv, writeLayout, type DateForm, type Layout } from '../packages/data/test/layouts.js';

const REFERENCE_START = '2025-04-01';
const REFERENCE_END = '2028-03-31';

let tmp: ReturnType<typeof tempDir>;
let data: string;
let scenario: string;
let runOut: string;
let synth: Awaited<ReturnType<typeof carecast>>;
let calibrate: Awaited<ReturnType<typeof carecast>>;

/** Asserts that no file holds a child id or date of birth (as written, or as an ISO date outside `ownDates`) from the synthetic Header CSVs. */
function expectNoChild(files: readonly string[], ownDates: ReadonlySet<string>): void {
  const ids = new Set<string>();
  const dobs = new Set<string>();
  for (const year of ['2026', '2027', '2028', '2029']) {
    for (const h of readCsv(join(data, year, 'header.csv'))) {
      ids.add(h['CHILD']!);
      dobs.add(h['DOB']!);
    }
  }
  expect(ids.size).toBeGreaterThan(500);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const id of ids) expect(text.includes(id), `${file} holds child id ${id}`).toBe(false);
    for (const dob of dobs) {
      expect(text.includes(dob), `${file} holds date of birth ${dob}`).toBe(false);
      const iso = dmyToIso(dob);
      if (!ownDates.has(iso)) expect(text.includes(iso), `${file} holds date of birth ${iso}`).toBe(false);
    }
  }
}

beforeAll(async () => {
  tmp = tempDir();
  data = join(tmp.dir, 'ssda903');
  scenario = join(tmp.dir, 'calibrated.yaml');
  runOut = join(tmp.dir, 'run');
  synth = await carecast(['synth', '--scenario', 'scenarios/baseline.yaml', '--years', '4', '--seed', '3', '--out', data]);
  calibrate = await carecast(['calibrate', '--folder', data, '--reference', `${REFERENCE_START}:${REFERENCE_END}`, '--out', scenario]);
}, 60_000);
afterAll(() => tmp.remove());

describe('carecast synth, calibrate, validate and run', () => {
  it('writes four yearly synthetic returns and calibrates a scenario from them', () => {
    expect(synth.code).toBe(0);
    expect(readdirSync(data).sort()).toEqual(['2026', '2027', '2028', '2029', 'SYNTHETIC.txt']);
    expect(calibrate.stderr).not.toMatch(/error/i);
    expect(calibrate.code).toBe(0);
    expect(calibrate.stdout).toMatch(/runs 2028-04-01 to 2033-03-31/);
  });

  it('starts the calibrated scenario from the stock in the data on the reference end date', async () => {
    const stock = stockFromCsv(data, REFERENCE_END);
    expect(stock).toBeGreaterThan(300);
    const compiled = await compileScenarioFile(scenario);
    const counts = compiled.params.initialPopulation.counts ?? [];
    expect(counts.reduce((s, c) => s + c.count, 0)).toBe(stock);
    expect(compiled.params.start).toBe('2028-04-01');
  });

  it('validates and runs the calibrated scenario, starting with that stock, and no output names a child', async () => {
    const validate = await carecast(['validate', scenario]);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    const run = await carecast(['run', scenario, '--replications', '20', '--out', runOut]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(readFileSync(join(runOut, 'results.json'), 'utf8')) as Results;
    const start = results.series.find((r) => r.metric === 'in_care' && r.category === 'total' && r.date === results.start)!;
    expect(start.mean).toBe(stockFromCsv(data, REFERENCE_END));
    expect(start.p05).toBe(start.p95);

    // The reference window, start and month ends are the outputs' own dates: a date of birth that happens to fall on one is no leak.
    const axis = new Set([REFERENCE_START, REFERENCE_END, ...results.series.map((r) => r.date), results.end]);
    expectNoChild([scenario, join(runOut, 'results.json'), join(runOut, 'summary.csv')], axis);
  }, 60_000);

  it('refuses an Episodes file with a missing column: exit 2, file:row:col message, no output', async () => {
    const bad = join(tmp.dir, 'bad');
    mkdirSync(bad);
    const rows = readFileSync(join(data, '2026', 'episodes.csv'), 'utf8').trim().split('\n');
    const drop = rows[0]!.split(',').indexOf('DECOM');
    expect(drop).toBeGreaterThan(0);
    writeFileSync(join(bad, 'episodes.csv'), rows.map((r) => r.split(',').filter((_, i) => i !== drop).join(',')).join('\n') + '\n');
    const out = join(bad, 'out.yaml');
    const r = await carecast(['calibrate', '--episodes', join(bad, 'episodes.csv'), '--header', join(data, '2026', 'header.csv'), '--reference', '2025-04-01:2026-03-31', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/episodes\.csv:1:\d+: missing column DECOM/);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(bad)).toEqual(['episodes.csv']);
  });
});

describe('carecast backtest on synthetic data', () => {
  it('compares both modes with the actual stock and writes backtest.json, backtest.csv and charts', async () => {
    const out = join(tmp.dir, 'backtest');
    const r = await carecast(['backtest', '--folder', data, '--reference', '2025-04-01:2027-03-31', '--years', '2', '--replications', '20', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2029-03-31\s+total\s+\d+/m);
    expect(readdirSync(out).sort()).toEqual(['backtest.csv', 'backtest.json', 'charts']);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['backtest-by-category.png', 'backtest-by-category.svg', 'backtest-total.png', 'backtest-total.svg']);
    const doc = JSON.parse(readFileSync(join(out, 'backtest.json'), 'utf8')) as {
      rows: { date: string; category: string; actual: number; forecastMean: number; expected: number; error: number; expectedError: number }[];
      series: { date: string }[];
      errors: { category: string; dates: number; meanAbsError: number; expectedMeanAbsError: number }[];
    };
    const totals = doc.rows.filter((row) => row.category === 'total');
    expect(totals.map((row) => row.date)).toEqual(['2028-03-31', '2029-03-31']);
    for (const row of totals) {
      expect(row.actual).toBe(stockFromCsv(data, row.date));
      expect(row.error).toBeCloseTo(row.forecastMean - row.actual, 9);
      expect(row.expectedError).toBeCloseTo(row.expected - row.actual, 9);
    }
    expect(doc.errors.find((e) => e.category === 'total')!.dates).toBe(2);
    const csv = readFileSync(join(out, 'backtest.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('date,category,actual,forecast_mean,forecast_p05,forecast_p95,error,within90,expected,expected_error,vanished');
    expect(csv).toHaveLength(1 + doc.rows.length);
    // Shared outputs (default --suppress 5): no actual stock from 1 to 4, and no error that gives one back.
    const actualCol = csv.slice(1).map((line) => line.split(',')[2]!);
    expect(actualCol.filter((a) => /^[1-4]$/.test(a))).toEqual([]);
    for (const row of doc.rows) {
      if (typeof row.actual !== 'number') expect(row.error).toBe('withheld');
      else expect(row.actual === 0 || row.actual >= 5).toBe(true);
    }
    expect(readFileSync(join(out, 'charts', 'backtest-total.svg'), 'utf8')).toMatch(/^<svg/);
    const ownDates = new Set([REFERENCE_START, '2027-03-31', ...doc.series.map((row) => row.date)]);
    expectNoChild([join(out, 'backtest.json'), join(out, 'backtest.csv'), join(out, 'charts', 'backtest-by-category.svg')], ownDates);
    expect([...readFileSync(join(out, 'charts', 'backtest-total.png')).subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  }, 60_000);
});

describe('carecast calibrate on returns as councils hold them', () => {
  const LAST = '2029-03-31';
  /** The input options for a layout written from the synthetic returns. */
  function inputs(layout: Layout, form: DateForm = 'dmy', la?: string): string[] {
    const dir = writeLayout(data, join(tmp.dir, `${layout}-${form}-${la ?? ''}`), layout, { form, ...(la ? { la } : {}) });
    if (!layout.startsWith('stacked')) return ['--folder', dir];
    return ['--episodes', join(dir, 'episodes.csv'), '--header', join(dir, 'header.csv'), '--uasc', join(dir, 'uasc.csv')];
  }
  const fit = (args: string[], out: string, more: string[] = []) => carecast(['calibrate', ...args, '--reference', `2026-04-01:${LAST}`, '--out', out, ...more]);

  it('gives the same scenario, starting from the 31 March stock in the last return, for every layout, label convention and date form', async () => {
    const stock = stockFromCsv(data, LAST);
    const base = join(tmp.dir, 'layout-base.yaml');
    // The layouts carry the SSDA903 tables only: the base leaves out synth's OC3 tables too.
    const tablesOnly = join(tmp.dir, 'tables-only');
    cpSync(data, tablesOnly, { recursive: true });
    for (const y of readdirSync(tablesOnly)) if (existsSync(join(tablesOnly, y, 'oc3.csv'))) rmSync(join(tablesOnly, y, 'oc3.csv'));
    expect((await fit(['--folder', tablesOnly], base)).code).toBe(0);
    const expected = readFileSync(base, 'utf8');
    expect(expected).toMatch(/^# DISCLOSIVE/);
    const cases: [Layout, DateForm][] = [...LAYOUTS.map((l): [Layout, DateForm] => [l, 'dmy']), ['stacked-start-year', 'mdy'], ['start-year-folders', 'excel-serial'], ['stacked-end-year', 'iso']];
    for (const [layout, form] of cases) {
      const out = join(tmp.dir, `layout-${layout}-${form}.yaml`);
      const r = await fit(inputs(layout, form), out);
      expect(r.code, `${layout} ${form}: ${r.stderr}`).toBe(0);
      expect(r.stdout, layout).toContain(`${stock} in care on ${LAST}`);
      expect(readFileSync(out, 'utf8'), `${layout} ${form}`).toBe(expected);
      if (layout.includes('start-year')) expect(r.stderr).toMatch(/warning: 1 × year-label-mismatch/);
      if (form === 'mdy') expect(r.stderr).toMatch(/month-first-dates/);
      if (form === 'excel-serial') expect(r.stderr).toMatch(/Excel serial day numbers/);
    }
  }, 120_000);

  it('writes a shareable data-quality page beside the scenario and the exact figures with --json', async () => {
    const out = join(tmp.dir, 'quality', 'my-la.yaml');
    const r = await fit(['--folder', data], out, ['--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { dataQuality: { rows: { episodes: number }; returns: { year: number; rowsRead: number; used: number; merged: number; excluded: number; inCare: number | null }[] } };
    const returns = summary.dataQuality.returns;
    expect(returns.map((x) => x.year)).toEqual([2026, 2027, 2028, 2029]);
    expect(returns.reduce((t, x) => t + x.rowsRead, 0)).toBe(summary.dataQuality.rows.episodes);
    for (const x of returns) expect(x.used + x.merged + x.excluded).toBe(x.rowsRead);
    expect(returns.at(-1)!.inCare).toBe(stockFromCsv(data, LAST));
    const html = readFileSync(join(tmp.dir, 'quality', 'my-la.quality.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/(src|href)=|https?:/);
    expect(html).toContain(`<td>${stockFromCsv(data, LAST)}</td>`);
    expect([...html.matchAll(/<td>([1-4])<\/td>/g)]).toEqual([]);
    // The page's own dates are the 31 Marches it reports on.
    expectNoChild([join(tmp.dir, 'quality', 'my-la.quality.html')], new Set(returns.map((x) => `${x.year}-03-31`)));
  }, 60_000);

  it('refuses, exit 2 and nothing written, a reference window without data, a start stock of 0 and data whose rows were all dropped', async () => {
    const out = join(tmp.dir, 'refused', 'x.yaml');
    const outside = await carecast(['calibrate', '--folder', data, '--reference', '2031-04-01:2032-03-31', '--out', out]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/the reference window 2031-04-01 to 2032-03-31 holds no care in the data, which run from \d{4}-\d{2}-\d{2} to 2029-03-31/);
    expect(existsSync(out)).toBe(false);
    // Every DECOM unreadable: calibrate and backtest both refuse.
    const bad = writeLayout(data, join(tmp.dir, 'all-dropped'), 'end-year-folders');
    for (const year of ['2026', '2027', '2028', '2029']) {
      const file = join(bad, year, 'episodes.csv');
      const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
      writeFileSync(file, `${[head, ...rows.map((row) => row.replace(/^([^,]*),[^,]*,/, '$1,31/02/2026,'))].join('\n')}\n`);
    }
    const dropped = await carecast(['calibrate', '--folder', bad, '--reference', '2026-04-01:2028-03-31', '--out', out]);
    expect(dropped.code).toBe(2);
    expect(dropped.stderr).toMatch(/none of the \d+ Episodes rows gave a care spell \(dropped: unparsable-decom \d+/);
    const backtest = await carecast(['backtest', '--folder', bad, '--reference', '2026-04-01:2027-03-31', '--years', '1', '--replications', '2', '--out', join(tmp.dir, 'refused', 'bt')]);
    expect(backtest.code).toBe(2);
    expect(existsSync(join(tmp.dir, 'refused'))).toBe(false);
    // A window after the data: with --force it goes on, and says why the stock is 0.
    const forced = await carecast(['calibrate', '--folder', data, '--reference', '2029-04-01:2030-03-31', '--out', out, '--force']);
    expect(forced.stderr).toMatch(/warning: no children in care at the end of 2030-03-31 \(the scenario would start from 0\) \(going on: --force\)/);
    const refused = await carecast(['calibrate', '--folder', data, '--reference', '2029-04-01:2030-03-31', '--out', join(tmp.dir, 'refused2.yaml')]);
    expect(refused.code).toBe(2);
    expect(existsSync(join(tmp.dir, 'refused2.yaml'))).toBe(false);
  }, 60_000);

  it('--each-la writes one scenario per authority of a stacked file and a combined one', async () => {
    const a = writeLayout(data, join(tmp.dir, 'la-a'), 'stacked-start-year', { la: 'A01' });
    const b = writeLayout(data, join(tmp.dir, 'la-b'), 'stacked-end-year', { la: 'B02' });
    const stack = join(tmp.dir, 'region');
    mkdirSync(stack);
    for (const table of ['header', 'episodes', 'uasc']) {
      const [head, ...rows] = readFileSync(join(a, `${table}.csv`), 'utf8').trim().split('\n');
      const more = readFileSync(join(b, `${table}.csv`), 'utf8').trim().split('\n').slice(1);
      writeFileSync(join(stack, `${table}.csv`), `${[head, ...rows, ...more].join('\n')}\n`);
    }
    const out = join(tmp.dir, 'region-out', 'region.yaml');
    const args = ['--episodes', join(stack, 'episodes.csv'), '--header', join(stack, 'header.csv'), '--uasc', join(stack, 'uasc.csv')];
    const r = await fit(args, out, ['--each-la']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(tmp.dir, 'region-out')).sort()).toEqual(['region.la-A01.yaml', 'region.la-B02.yaml', 'region.quality.html', 'region.yaml']);
    const stock = stockFromCsv(data, LAST);
    const total = async (file: string) => ((await compileScenarioFile(file)).params.initialPopulation.counts ?? []).reduce((t, c) => t + c.count, 0);
    expect(await total(join(tmp.dir, 'region-out', 'region.la-A01.yaml'))).toBe(stock);
    expect(await total(join(tmp.dir, 'region-out', 'region.la-B02.yaml'))).toBe(stock);
    expect(await total(out)).toBe(2 * stock);
    // Both authorities' labels, one start-year and one end-year, were read by their dates.
    expect(r.stderr).toMatch(/year-label-mismatch/);
  }, 60_000);
});
