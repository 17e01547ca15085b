import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtest, buildSpells, findSsda903Files, parseSsdaDate, readSsda903, stockOn, synthesize, type CareSpell } from '../src/index.js';
import { writeFixture } from './helpers.js';
import { ROUND_TRIP_MODEL } from './round-trip-model.js';

const day = parseSsdaDate;

describe('stockOn', () => {
  it('counts children in care at the end of a day by category, and null past the data', () => {
    const base = { child: 1, startObserved: true, la: '', sex: 'male' as const, dob: day('01/01/2012'), uasc: false, route: 'other' as const, observedUntil: day('01/04/2024'), exit: null, vanished: false };
    const spells: CareSpell[] = [
      { ...base, start: day('01/01/2022'), end: null, periods: [{ category: 'ifa_foster', start: day('01/01/2022'), end: day('31/03/2023') }, { category: 'other', start: day('31/03/2023'), end: null }] },
      { ...base, start: day('01/01/2022'), end: day('31/03/2023'), exit: 'reunification', periods: [{ category: 'ifa_foster', start: day('01/01/2022'), end: day('31/03/2023') }] },
      { ...base, start: day('01/04/2023'), end: null, periods: [{ category: 'kinship_foster', start: day('01/04/2023'), end: null }] },
    ];
    const s = stockOn(spells, '2023-03-31')!;
    expect(s.other).toBe(1);
    expect(s.ifa_foster).toBe(0);
    expect(s.kinship_foster).toBe(0);
    expect(stockOn(spells, '2024-03-31')!.kinship_foster).toBe(1);
    expect(stockOn(spells, '2025-03-31')).toBeNull();
  });
});

describe('backtest', () => {
  it('forecasts the stock after the window and compares it with the actual one each 31 March', async () => {
    const dir = writeFixture({});
    await synthesize(ROUND_TRIP_MODEL, { years: 5, seed: 21, out: join(dir, 'in') });
    const spells = buildSpells(await readSsda903(await findSsda903Files(join(dir, 'in'))));
    const { rows, errors, series } = await backtest(spells, { referenceStart: '2021-04-01', referenceEnd: '2023-03-31', years: 2, replications: 20, seed: 1, workers: 1 });
    expect([...new Set(rows.map((r) => r.date))]).toEqual(['2024-03-31', '2025-03-31']);
    const total = rows.find((r) => r.date === '2025-03-31' && r.category === 'total')!;
    expect(total.actual).toBe(Object.values(stockOn(spells, '2025-03-31')!).reduce((a, b) => a + b, 0));
    // Same model fitted and forecast: the actual total lies within the forecast's 5-95% range widened by a tenth.
    expect(total.actual).toBeGreaterThanOrEqual(total.forecastP05 * 0.9);
    expect(total.actual).toBeLessThanOrEqual(total.forecastP95 * 1.1);
    expect(total.error).toBeCloseTo(total.forecastMean - total.actual, 9);
    // The expected-value projection of the same unconstrained model lies inside the Monte Carlo 5-95% range.
    expect(total.expected).toBeGreaterThanOrEqual(total.forecastP05);
    expect(total.expected).toBeLessThanOrEqual(total.forecastP95);
    expect(total.expectedError).toBeCloseTo(total.expected - total.actual, 9);
    const byCategory = rows.filter((r) => r.date === '2025-03-31' && r.category !== 'total');
    expect(byCategory.reduce((a, r) => a + r.expected, 0)).toBeCloseTo(total.expected, 6);
    const totalErrors = errors.find((e) => e.category === 'total')!;
    const totals = rows.filter((r) => r.category === 'total');
    expect(totalErrors.dates).toBe(2);
    expect(totalErrors.meanAbsError).toBeCloseTo((Math.abs(totals[0]!.error) + Math.abs(totals[1]!.error)) / 2, 9);
    expect(totalErrors.expectedMeanError).toBeCloseTo((totals[0]!.expectedError + totals[1]!.expectedError) / 2, 9);
    // The forecast starts from the stock on the reference end, in both modes.
    const first = series.find((r) => r.category === 'total')!;
    const stock = Object.values(stockOn(spells, '2023-03-31')!).reduce((a, b) => a + b, 0);
    expect(first.date).toBe('2023-04-01');
    expect(first.mean).toBe(stock);
    expect(first.expected).toBeCloseTo(stock, 6);
    expect(series.filter((r) => r.date === '2025-03-31' && r.category === 'total')[0]!.mean).toBe(total.forecastMean);
  });

  it('does not count an open episode that vanishes from the next return as forecast error', async () => {
    const dir = writeFixture({});
    await synthesize(ROUND_TRIP_MODEL, { years: 5, seed: 21, out: join(dir, 'in') });
    const options = { referenceStart: '2021-04-01', referenceEnd: '2023-03-31', years: 2, replications: 20, seed: 1, workers: 1, durationBandsDays: [365] };
    const spellsOf = async () => buildSpells(await readSsda903(await findSsda903Files(join(dir, 'in'))));
    const before = await backtest(await spellsOf(), options);
    // Children in care since before the forecast start, open at the end of the 2024 return, drop out of the 2025 return.
    const lines = (y: number) => readFileSync(join(dir, 'in', String(y), 'episodes.csv'), 'utf8').trim().split('\n');
    const gone = new Set(
      lines(2024)
        .slice(1)
        .map((l) => l.split(','))
        .filter((c) => c[7] === '' && day(c[1]!) < day('01/04/2023'))
        .map((c) => c[0]!),
    );
    const last = lines(2025);
    writeFileSync(join(dir, 'in', '2025', 'episodes.csv'), `${[last[0], ...last.slice(1).filter((l) => !gone.has(l.split(',')[0]!))].join('\n')}\n`);
    const spells = await spellsOf();
    expect(spells.filter((s) => s.vanished).length).toBe(gone.size);
    const after = await backtest(spells, options);
    expect(after.vanishedChildren).toBe(gone.size);
    const total = (r: typeof before, date: string) => r.rows.find((x) => x.date === date && x.category === 'total')!;
    // The year before they vanish is unchanged.
    expect(total(after, '2024-03-31')).toEqual(total(before, '2024-03-31'));
    const [b, a] = [total(before, '2025-03-31'), total(after, '2025-03-31')];
    const stillInCare = b.actual - a.actual; // of the vanished children, those the full data show in care
    expect(stillInCare).toBeGreaterThan(20);
    // Without the rule the error would grow by every one of them; with it, only by the model's own error on them.
    expect(Math.abs(a.error - b.error)).toBeLessThan(0.35 * stillInCare);
    expect(Math.abs(a.expectedError - b.expectedError)).toBeLessThan(0.35 * stillInCare);
    expect(a.vanished).toBeGreaterThan(0.65 * stillInCare);
    expect(b.vanished).toBe(0);
  }, 60_000);
});
