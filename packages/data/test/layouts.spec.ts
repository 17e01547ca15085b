// Every layout and label convention the sector uses, and every date form, gives the same calibration.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSpells, calibrate, DataError, findSsda903Files, readSsda903, type Ssda903Files } from '../src/index.js';
import { independentReturns, writeFixture } from './helpers.js';
import { LAYOUTS, stockFromCsv, writeLayout, yearsIn, type DateForm, type Layout } from './layouts.js';

let src: string;
let lastYear: number;

beforeAll(async () => {
  src = await independentReturns(5);
  lastYear = yearsIn(src).at(-1)!;
});

function filesOf(dir: string, layout: Layout): Promise<Ssda903Files> | Ssda903Files {
  if (!layout.startsWith('stacked')) return findSsda903Files(dir);
  return { header: [join(dir, 'header.csv')], episodes: [join(dir, 'episodes.csv')], uasc: [join(dir, 'uasc.csv')] };
}

async function calibrated(layout: Layout, form: DateForm = 'dmy') {
  const dir = writeLayout(src, join(writeFixture({}), layout), layout, { form });
  const raw = await readSsda903(await filesOf(dir, layout));
  const result = calibrate(buildSpells(raw), { referenceStart: `${lastYear - 3}-04-01`, referenceEnd: `${lastYear}-03-31`, durationBandsDays: [365] });
  const stock = (result.parameters.initialPopulation.counts ?? []).reduce((s, c) => s + c.count, 0);
  return { parameters: result.parameters, stock, quality: raw.quality.summary() };
}

describe('every layout and label convention', () => {
  it('gives the same calibrated scenario, starting from the stock in the last return', async () => {
    const oracle = stockFromCsv(src, `${lastYear}-03-31`);
    expect(oracle).toBeGreaterThan(200);
    const base = await calibrated('end-year-folders');
    expect(base.stock).toBe(oracle);
    for (const layout of LAYOUTS) {
      const r = await calibrated(layout);
      expect(r.stock, layout).toBe(oracle);
      expect(r.parameters, layout).toEqual(base.parameters);
      const mismatch = r.quality.issues.find((i) => i.kind === 'year-label-mismatch');
      if (layout.includes('start-year')) {
        // Said once, with the evidence, and the dates win.
        expect(mismatch?.count, layout).toBe(1);
        expect(mismatch!.examples[0]).toMatch(/labelled \d{4} .* dates after 31\/03\/\d{4} .* the return to 31\/03\/\d{4}; the labels name the year each return starts/);
      } else expect(mismatch, layout).toBeUndefined();
      expect(r.quality.returns.map((a) => a.year)).toEqual(yearsIn(src));
    }
  }, 60_000);

  it('reads ISO, month-first and Excel serial dates to the same scenario, each with a message where not the standard', async () => {
    const base = await calibrated('end-year-folders');
    for (const form of ['iso', 'mdy', 'excel-serial'] as const) {
      const r = await calibrated('stacked-start-year', form);
      expect(r.parameters, form).toEqual(base.parameters);
      const kinds = r.quality.issues.map((i) => i.kind);
      if (form === 'mdy') expect(kinds).toContain('month-first-dates');
      if (form === 'excel-serial') expect(kinds).toContain('excel-serial-date');
      if (form === 'iso') expect(kinds.filter((k) => k.includes('date'))).toEqual([]);
      expect(r.quality.dropped).toEqual({});
    }
  }, 60_000);
});

describe('dates that cannot be read safely', () => {
  it('refuses a file that mixes day-first and month-first dates, naming the file, row and column', async () => {
    const dir = writeLayout(src, join(writeFixture({}), 'mixed'), 'end-year-folders');
    const file = join(dir, String(lastYear), 'episodes.csv');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // Row 40 onwards month-first: a day above 12 then sits in the second field.
    const swapped = lines.map((l, i) => (i < 40 ? l : l.replace(/\b(\d{2})\/(\d{2})\/(\d{4})\b/g, '$2/$1/$3')));
    writeFileSync(file, `${swapped.join('\n')}\n`);
    const error = await readSsda903(await findSsda903Files(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(new RegExp(`episodes\\.csv:\\d+:\\d+: (DECOM|DEC) "\\d{2}/\\d{2}/\\d{4}" reads only (day|month)-first, but .* at row \\d+ reads only (day|month)-first: the file mixes date orders`));
    expect((error as DataError).row).toBeGreaterThanOrEqual(41);
  });

  it('refuses a month-first date after rows read without one (ISO dates first), rather than misread the rest', async () => {
    const dir = writeLayout(src, join(writeFixture({}), 'iso-then-mdy'), 'stacked-end-year', { form: 'iso' });
    const file = join(dir, 'episodes.csv');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(1001);
    const cells = lines[1]!.split(',');
    cells[3] = '03/25/2020';
    writeFileSync(file, `${[...lines, cells.join(',')].join('\n')}\n`);
    const error = await readSsda903(filesOf(dir, 'stacked-end-year') as Ssda903Files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/episodes\.csv:\d+:4: DECOM "03\/25\/2020" reads only month-first, but the dates before it were read day-first/);
  });

  it('counts short rows as errors, not open episodes, and flags a header-only Episodes file and a missing UASC file', async () => {
    const dir = writeFixture({
      '2023/header.csv': ['CHILD,SEX,DOB', 'A1,1,15/06/2010', 'A2,2,20/07/2012'],
      '2023/episodes.csv': ['CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC', 'A1,01/05/2022,S,C1,U4,PR1,20/03/2023,E4A', 'A2,01/06/2022,S,C1,U4'],
      '2024/header.csv': ['CHILD,SEX,DOB', 'A1,1,15/06/2010'],
      '2024/episodes.csv': ['CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC'],
    });
    const raw = await readSsda903(await findSsda903Files(dir));
    const spells = buildSpells(raw);
    const q = raw.quality.summary();
    expect(spells).toHaveLength(1);
    expect(q.dropped).toEqual({ 'short-row': 1 });
    expect(q.issues.find((i) => i.kind === 'short-row')!.examples[0]).toMatch(/2023\/episodes\.csv:3:6: row has 5 fields, the header 8/);
    expect(q.issues.find((i) => i.kind === 'empty-episodes-file')!.examples[0]).toMatch(/2024\/episodes\.csv:1:1: the Episodes file has a header but no rows/);
    expect(q.issues.find((i) => i.kind === 'no-uasc-file')!.count).toBe(2);
    // The empty year is not counted as covered: the data end after the 2023 return.
    expect(raw.dataEndByLa.get('')).toBe(Date.UTC(2023, 3, 1) / 86_400_000);
  });
});
