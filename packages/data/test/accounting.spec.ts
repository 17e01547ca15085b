// Every Episodes row is used, merged, excluded or dropped with a reason, and too many drops refuse.
import { describe, expect, it } from 'vitest';
import { buildSpells, dataProblems, droppedRows, findSsda903Files, readSsda903 } from '../src/index.js';
import { EPISODES, HEADER, writeFixture } from './helpers.js';

describe('row accounting', () => {
  it('counts every dropped row with its reason, per return, and the rows add up', async () => {
    const dir = writeFixture({
      '2022/header.csv': [HEADER, 'A1,1,15/06/2010,,,,', 'A2,2,20/07/2012,,,,', 'A4,1,01/01/2003,,,,'],
      '2022/episodes.csv': [
        EPISODES,
        'A1,01/05/2021,S,C1,N1,U4,PR1,,,,,,',
        'A1,01/05/2021,S,C1,N1,U4,PR1,,,,,,', // duplicate in the return
        'A2,01/06/2021,S,C1,N1,U4', // short row
        ',01/06/2021,S,C1,N1,U4,PR1,,,,,,', // blank CHILD
        'A3,01/06/2021,S,C1,N1,U4,PR1,,,,,,', // no Header row
        'A2,31/02/2021,S,C1,N1,U4,PR1,,,,,,', // DECOM no date
        'A2,01/09/2021,S,C1,N1,U4,PR1,01/08/2021,E13,,,,', // DEC before DECOM
        'A4,02/01/2021,S,C1,N1,U4,PR1,,,,,,', // starts after the 18th birthday
        'A2,01/10/2021,S,V3,N1,U4,PR1,05/10/2021,E13,,,,', // short break, no care around it
      ],
      '2023/header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      '2023/episodes.csv': [EPISODES, 'A1,01/05/2021,S,C1,N1,U4,PR1,01/07/2022,E13,,,,'],
    });
    const raw = await readSsda903(await findSsda903Files(dir));
    const spells = buildSpells(raw);
    const q = raw.quality.summary();
    expect(spells).toHaveLength(1);
    expect(q.dropped).toEqual({
      'short-row': 1,
      'blank-child': 1,
      'unparsable-decom': 1,
      'dec-before-decom': 1,
      'no-header-row': 1,
      'duplicate-in-return': 1,
      'starts-after-18': 1,
    });
    expect(q.returns).toEqual([
      { la: '', year: 2022, rowsRead: 9, used: 0, merged: 1, excluded: 1, dropped: q.dropped },
      { la: '', year: 2023, rowsRead: 1, used: 1, merged: 0, excluded: 0, dropped: {} },
    ]);
    for (const r of q.returns) expect(r.used + r.merged + r.excluded + droppedRows(r)).toBe(r.rowsRead);
    expect(q.rows.episodes).toBe(10);
  });

  it('refuses when more than the stated share of rows is dropped, and names the reasons', () => {
    const quality = (dropped: number) => ({
      issues: [],
      exclusions: {},
      rows: { header: 0, episodes: 100, uasc: 0 },
      returns: [],
      dropped: { 'short-row': dropped },
    });
    const spell = { child: 1, la: '', sex: null, dob: 0, uasc: false, route: 'other' as const, start: 19000, startObserved: true, end: null, observedUntil: 20000, exit: null, vanished: false, periods: [] };
    const window = { referenceStart: '2022-01-01', referenceEnd: '2022-12-31' };
    expect(dataProblems(quality(10), [spell], window, 0.1)).toEqual([]);
    expect(dataProblems(quality(11), [spell], window, 0.1)).toEqual(['11 of 100 Episodes rows (11.0%) were dropped (short-row 11), more than the 10% allowed']);
    expect(dataProblems(quality(11), [spell], window, 0.2)).toEqual([]);
    expect(dataProblems(quality(100), [], window)).toEqual(['none of the 100 Episodes rows gave a care spell (dropped: short-row 100; see the warnings)']);
    expect(dataProblems(quality(0), [spell], { referenceStart: '2030-04-01', referenceEnd: '2031-03-31' })[0]).toMatch(/^the reference window 2030-04-01 to 2031-03-31 holds no care in the data, which run from 2022-01-08 to 2024-10-03$/);
  });
});
