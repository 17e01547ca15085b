import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError, findSsda903Files, parseSsdaDate, readSsda903, yearFromName } from '../src/index.js';
import { EPISODES, HEADER, writeFixture } from './helpers.js';

const read = (dir: string, extra: { uasc?: boolean } = {}) =>
  readSsda903({
    header: [join(dir, 'header.csv')],
    episodes: [join(dir, 'episodes.csv')],
    ...(extra.uasc ? { uasc: [join(dir, 'uasc.csv')] } : {}),
  });

describe('parseSsdaDate', () => {
  it('reads DD/MM/YYYY and ISO dates to the same day', () => {
    expect(parseSsdaDate('01/04/2021')).toBe(parseSsdaDate('2021-04-01'));
    expect(parseSsdaDate('2021-04-01')).toBe(Date.UTC(2021, 3, 1) / 86_400_000);
  });
  it('rejects impossible dates and other text with NaN', () => {
    for (const bad of ['31/02/2021', '2021-13-01', '1/4/21', 'yesterday', '']) expect(parseSsdaDate(bad)).toBeNaN();
  });
});

describe('yearFromName', () => {
  it('reads a collection year from folder names', () => {
    expect(yearFromName('2024')).toBe(2024);
    expect(yearFromName('2023-24')).toBe(2024);
    expect(yearFromName('ssda903_2022_2023')).toBe(2023);
    expect(yearFromName('latest')).toBeUndefined();
  });
});

describe('readSsda903', () => {
  it('matches column names case-insensitively and ignores extra columns', async () => {
    const dir = writeFixture({
      'header.csv': ['child,Sex,dob,extra', 'A1,1,15/06/2010,x'],
      'episodes.csv': ['Extra,child,decom,rne,ls,place,place_provider,dec,rec', 'z,A1,2021-05-01,S,C1,U4,PR1,,'],
    });
    const raw = await read(dir);
    expect(raw.episodes).toHaveLength(1);
    expect(raw.episodes.at(0)).toMatchObject({ key: 'A1', ls: 'C1', place: 'U4', dec: null });
    expect(raw.children.get('A1')?.sex).toBe('male');
  });

  it('stops with a DataError naming file, row and column when a column is missing', async () => {
    const dir = writeFixture({
      'header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      'episodes.csv': ['CHILD,DECOM,RNE,LS,PLACE,DEC,REC', 'A1,01/05/2021,S,C1,U4,,'],
    });
    const error = await read(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toMatch(/episodes\.csv:1:8: missing column PLACE_PROVIDER; expected a header with CHILD, DECOM/);
  });

  it('stops with a DataError when a file cannot be read', async () => {
    const error = await readSsda903({ header: ['/nonexistent/header.csv'], episodes: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(String((error as Error).message)).toMatch(/^\/nonexistent\/header\.csv: cannot read the file \(ENOENT\)/);
  });

  it('counts recoverable problems by kind with row-numbered messages, dropping nothing silently', async () => {
    const dir = writeFixture({
      'header.csv': [HEADER, 'A1,1,15/06/2010,,,,', 'A2,9,32/01/2012,,,,'],
      'episodes.csv': [
        EPISODES,
        'A1,01/05/2021,S,C1,N1,U4,PR1,01/08/2021,X1,,,,',
        'A1,01/08/2021,P,C2,N1,Q9,PR1,not a date,,,,,',
        'A1,01/09/2021,P,C2,N1,U4,PR7,01/08/2021,E4A,,,,',
        ',01/09/2021,P,C2,N1,U4,PR1,,,,,,',
      ],
    });
    const raw = await read(dir);
    const s = raw.quality.summary();
    const kind = (k: string) => s.issues.find((i) => i.kind === k);
    expect(kind('unparsable-date')?.count).toBe(2);
    expect(kind('unparsable-date')?.examples).toContain(
      `${join(dir, 'header.csv')}:3:3: DOB is not a date (value withheld: personal data); expected DD/MM/YYYY or YYYY-MM-DD`,
    );
    expect(kind('unparsable-date')?.examples.some((m) => m.includes('episodes.csv:3:8: DEC "not a date"'))).toBe(true);
    expect(kind('unknown-code')?.examples.some((m) => m.includes('episodes.csv:3:6: PLACE "Q9"'))).toBe(true);
    expect(kind('unknown-sex')?.examples[0]).toContain('header.csv:3:2');
    expect(kind('dec-before-decom')?.examples[0]).toContain('episodes.csv:4:8: DEC 01/08/2021 is before DECOM 01/09/2021');
    expect(kind('blank-required-value')?.count).toBe(1);
    expect(s.dropped).toEqual({ 'blank-child': 1, 'dec-before-decom': 1 });
    expect(s.returns).toEqual([{ la: '', year: 2022, rowsRead: 4, used: 0, merged: 0, excluded: 0, dropped: { 'blank-child': 1, 'dec-before-decom': 1 } }]);
    expect(raw.episodes).toHaveLength(2);
    expect(s.rows).toEqual({ header: 2, episodes: 4, uasc: 0 });
  });

  it('reads stacked files with LA and YEAR columns and notes where each authority\'s data ends', async () => {
    const dir = writeFixture({
      'header.csv': ['LA,YEAR,CHILD,SEX,DOB', 'L1,2023,A1,1,15/06/2010', 'L2,2024,A1,2,15/06/2011'],
      'episodes.csv': ['LA,YEAR,CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC', 'L1,2023,A1,01/05/2022,S,C1,U4,PR1,,', 'L2,2024,A1,01/05/2023,S,V2,U1,PR1,,'],
    });
    const raw = await read(dir);
    expect([...raw.children.keys()].sort()).toEqual(['L1|A1', 'L2|A1']);
    expect(raw.dataEndByLa.get('L1')).toBe(parseSsdaDate('01/04/2023'));
    expect(raw.dataEndByLa.get('L2')).toBe(parseSsdaDate('01/04/2024'));
  });

  it('finds per-year folders and takes each file\'s year from its folder', async () => {
    const dir = writeFixture({
      '2022-23/Header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      '2022-23/Episodes.csv': [EPISODES, 'A1,01/05/2022,S,C1,N1,U4,PR1,,,,,,'],
      '2024/header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      '2024/episodes.csv': [EPISODES, 'A1,01/05/2022,S,C1,N1,U4,PR1,,,,,,'],
      '2024/UASC.csv': ['CHILD,SEX,DOB,DUC', 'A1,1,15/06/2010,15/06/2028'],
    });
    const files = await findSsda903Files(dir);
    expect(files.episodes).toHaveLength(2);
    expect(files.uasc).toHaveLength(1);
    const raw = await readSsda903(files);
    expect([...raw.episodes].map((e) => e.year).sort()).toEqual([2023, 2024]);
    expect(raw.uasc.has('A1')).toBe(true);
  });
});
