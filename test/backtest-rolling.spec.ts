import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, stockFromCsv } from '../packages/data/test/layouts.js';
import { carecast, synthBaseline } from './helpers.js';

const returns = synthBaseline(5, 4);

describe('carecast backtest --rolling', () => {
  it('fits at every 31 March the data allow and scores each horizon against the returns', async () => {
    const out = join(returns.dir, 'rolling');
    const r = await carecast(['backtest', '--folder', returns.data, '--rolling', '--reference-years', '2', '--horizons', '12,6', '--replications', '10', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    // Five returns (April 2025 to March 2030), two-year fits: origins 31 March 2027, 2028 and 2029.
    expect(r.stdout).toMatch(/3 origins \(2027-03-31, 2028-03-31, 2029-03-31\)/);
    expect(r.stdout).toMatch(/^12 mo\s+total\s+3\s+[+-]\d/m);
    expect(readdirSync(out).sort()).toEqual(['charts', 'report.html', 'rolling-backtest.csv', 'rolling-backtest.json', 'rolling-summary.csv']);
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(
      ['rolling-by-category', 'rolling-coverage', 'rolling-total'].flatMap((n) => [`${n}.svg`, `${n}.vl.json`]).sort(),
    );
    const doc = JSON.parse(readFileSync(join(out, 'rolling-backtest.json'), 'utf8')) as {
      origins: string[];
      rows: { origin: string; horizonMonths: number; date: string; category: string; actual: number | string; forecastMean: number; error: number | string }[];
      summaries: { horizonMonths: number; category: string; forecasts: number }[];
    };
    expect(doc.origins).toEqual(['2027-03-31', '2028-03-31', '2029-03-31']);
    const totals = doc.rows.filter((row) => row.category === 'total');
    expect(totals.map((row) => `${row.origin}+${row.horizonMonths}=${row.date}`)).toEqual([
      '2027-03-31+6=2027-09-30',
      '2028-03-31+6=2028-09-30',
      '2029-03-31+6=2029-09-30',
      '2027-03-31+12=2028-03-31',
      '2028-03-31+12=2029-03-31',
      '2029-03-31+12=2030-03-31',
    ]);
    for (const row of totals) {
      expect(row.actual).toBe(stockFromCsv(returns.data, row.date));
      expect(row.error).toBeCloseTo(row.forecastMean - (row.actual as number), 9);
    }
    // CSVs open in Excel as UTF-8 and carry no small actual stock.
    const csvText = readFileSync(join(out, 'rolling-backtest.csv'), 'utf8');
    expect(csvText.startsWith('\uFEFForigin,horizon_months,date,category,actual,')).toBe(true);
    const csv = readCsv(join(out, 'rolling-backtest.csv'));
    expect(csv).toHaveLength(doc.rows.length);
    expect(csv.map((c) => c['actual']!).filter((a) => /^[1-4]$/.test(a))).toEqual([]);
    expect(readFileSync(join(out, 'rolling-summary.csv'), 'utf8').startsWith('\uFEFFhorizon_months,category,forecasts,bias,')).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Rolling-origin backtest');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    // Aggregates only: no child id from the returns.
    const ids = new Set(readCsv(join(returns.data, '2030', 'header.csv')).map((h) => h['CHILD']!));
    const written = [csvText, html, readFileSync(join(out, 'rolling-backtest.json'), 'utf8')].join('\n');
    expect([...ids].filter((id) => written.includes(id))).toEqual([]);
  }, 120_000);

  it('refuses bad horizons, a fixed window and data too short for any origin, writing nothing', async () => {
    const out = join(returns.dir, 'refused');
    const zero = await carecast(['backtest', '--folder', returns.data, '--rolling', '--horizons', '0', '--out', out]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--horizons: expected whole months from 1 to 600.*got "0"/);
    const negative = await carecast(['backtest', '--folder', returns.data, '--rolling', '--horizons', '6,-12', '--out', out]);
    expect(negative.code).toBe(2);
    const both = await carecast(['backtest', '--folder', returns.data, '--rolling', '--reference', '2025-04-01:2027-03-31', '--out', out]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--reference: not used with --rolling/);
    const short = await carecast(['backtest', '--folder', returns.data, '--rolling', '--reference-years', '5', '--out', out]);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/cover 2025-04-01 to 2030-03-31, too little for any origin.*first origin \(2030-03-31\) needs data to 2030-09-30/);
    const stray = await carecast(['backtest', '--folder', returns.data, '--reference', '2025-04-01:2027-03-31', '--horizons', '6', '--out', out]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--horizons: only used with --rolling/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
