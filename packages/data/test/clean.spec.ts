import { describe, expect, it } from 'vitest';
import { buildSpells, entryRoute, findSsda903Files, mapPlacement, mapReason, parseSsdaDate, readSsda903, type CareSpell } from '../src/index.js';
import { EPISODES, HEADER, writeFixture } from './helpers.js';

const day = parseSsdaDate;

async function spellsOf(files: Record<string, string[]>, options = {}) {
  const dir = writeFixture(files);
  const raw = await readSsda903(await findSsda903Files(dir));
  return { spells: buildSpells(raw, options), quality: raw.quality.summary(), dir };
}

const periods = (s: CareSpell) => s.periods.map((p) => [p.category, p.start, p.end]);

describe('code mappings', () => {
  it('maps PLACE and PLACE_PROVIDER to categories as docs/domain.md §3 says', () => {
    expect(mapPlacement('U4', 'PR1').category).toBe('inhouse_foster');
    expect(mapPlacement('U6', 'PR5').category).toBe('ifa_foster');
    expect(mapPlacement('K2', 'PR4').category).toBe('external_residential');
    expect(mapPlacement('R1', 'PR2').category).toBe('inhouse_residential');
    expect(mapPlacement('U2', 'PR4').category).toBe('kinship_foster');
    for (const code of ['H5', 'P2', 'K3', 'Z11', 'Z14']) expect(mapPlacement(code, 'PR4').category).toBe('supported');
    expect(mapPlacement('K1', '').category).toBe('secure');
    expect(mapPlacement('A5', 'PR1').category).toBe('adoption_placement');
    expect(mapPlacement('Z1', 'PR1').category).toBe('other');
  });
  it('maps a fostering code with PR0 or no provider to in-house and flags it', () => {
    expect(mapPlacement('U5', 'PR0')).toMatchObject({ category: 'inhouse_foster', providerMissing: true });
    expect(mapPlacement('S1', '')).toMatchObject({ category: 'inhouse_residential', providerMissing: true });
  });
  it('marks T0-T4 as temporary', () => {
    expect(mapPlacement('T2', 'PR1').temporary).toBe(true);
  });
  it('maps REC codes to exit reasons, X1 to no exit', () => {
    expect(mapReason('X1').reason).toBeNull();
    expect(mapReason('E4A').reason).toBe('reunification');
    expect(mapReason('E45').reason).toBe('special_guardianship');
    expect(mapReason('E17').reason).toBe('staying_put');
    expect(mapReason('E99')).toEqual({ reason: 'other', unknown: true });
  });
  it('derives the entry route from the first legal statuses', () => {
    expect(entryRoute(['C1', 'C2'])).toBe('care_proceedings');
    expect(entryRoute(['C2'])).toBe('care_proceedings');
    expect(entryRoute(['L2', 'C1'])).toBe('care_proceedings');
    expect(entryRoute(['L1', 'L2', 'C1'])).toBe('care_proceedings');
    expect(entryRoute(['L2', 'V2'])).toBe('other');
    expect(entryRoute(['V2', 'C1'])).toBe('section20');
    expect(entryRoute(['J2'])).toBe('other');
  });
});

describe('buildSpells', () => {
  it('merges RNE L episodes, counts a real move and maps the exit reason', async () => {
    const { spells, quality } = await spellsOf({
      'header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      'episodes.csv': [
        EPISODES,
        'A1,01/05/2021,S,C1,N1,U4,PR1,01/08/2021,X1,,,,',
        'A1,01/08/2021,L,C2,N1,U4,PR1,01/02/2022,X1,,,,',
        'A1,01/02/2022,P,C2,N1,K2,PR4,01/09/2022,E4A,,,,',
      ],
    });
    expect(spells).toHaveLength(1);
    const s = spells[0]!;
    expect(periods(s)).toEqual([
      ['inhouse_foster', day('01/05/2021'), day('01/02/2022')],
      ['external_residential', day('01/02/2022'), day('01/09/2022')],
    ]);
    expect(s).toMatchObject({ route: 'care_proceedings', exit: 'reunification', end: day('01/09/2022'), sex: 'male', uasc: false });
    expect(quality.exclusions['rne-merged-episode']).toBe(1);
  });

  it('keeps a placement across a temporary T0-T4 episode and leaves out V3/V4 short breaks', async () => {
    const { spells, quality } = await spellsOf({
      'header.csv': [HEADER, 'A2,2,20/01/2015,,,,', 'A4,1,20/01/2012,,,,'],
      'episodes.csv': [
        EPISODES,
        'A2,10/03/2022,S,V2,N1,U1,PR1,01/06/2022,X1,,,,',
        'A2,01/06/2022,P,V2,N1,T1,PR1,15/06/2022,X1,,,,',
        'A2,15/06/2022,P,V2,N1,U1,PR1,,,,,,',
        'A4,01/02/2022,S,V3,N1,U4,PR1,03/02/2022,E13,,,,',
        'A4,01/03/2022,S,V4,N1,U4,PR1,03/03/2022,E13,,,,',
      ],
    });
    expect(spells).toHaveLength(1);
    expect(periods(spells[0]!)).toEqual([['kinship_foster', day('10/03/2022'), null]]);
    expect(spells[0]!.route).toBe('section20');
    expect(quality.exclusions['short-break-episode']).toBe(2);
    expect(quality.exclusions['temporary-placement-merged']).toBe(1);
  });

  it('joins a care period across contiguous short breaks instead of splitting it into an exit and an entry', async () => {
    const { spells, quality } = await spellsOf({
      'header.csv': [HEADER, 'A5,1,20/01/2012,,,,', 'A6,2,20/01/2013,,,,'],
      'episodes.csv': [
        EPISODES,
        'A5,01/05/2021,S,C2,N1,U4,PR1,01/08/2021,E13,,,,',
        'A5,01/08/2021,S,V3,N1,U4,PR1,08/08/2021,X1,,,,',
        'A5,08/08/2021,S,V4,N1,U4,PR1,15/08/2021,E13,,,,',
        'A5,15/08/2021,S,C2,N1,U4,PR1,,,,,,',
        // A gap after the short break: a real exit and a new entry.
        'A6,01/05/2021,S,C2,N1,U4,PR1,01/08/2021,E13,,,,',
        'A6,01/08/2021,S,V3,N1,U4,PR1,08/08/2021,X1,,,,',
        'A6,01/09/2021,S,C2,N1,U4,PR1,,,,,,',
      ],
    });
    const a5 = spells.filter((s) => s.child === 1);
    expect(a5).toHaveLength(1);
    expect(periods(a5[0]!)).toEqual([['inhouse_foster', day('01/05/2021'), null]]);
    expect(spells.filter((s) => s.child === 2).map((s) => [s.start, s.end])).toEqual([
      [day('01/05/2021'), day('01/08/2021')],
      [day('01/09/2021'), null],
    ]);
    expect(quality.exclusions['short-break-bridged']).toBe(2);
    expect(quality.exclusions['short-break-episode']).toBe(1);
    // Every row accounted for: the bridging short breaks are used, the other is excluded.
    expect(quality.returns).toEqual([{ la: '', year: 2022, rowsRead: 7, used: 6, merged: 0, excluded: 1, dropped: {} }]);
  });

  it('stitches an episode repeated across years, keeping the later return\'s closed version', async () => {
    const { spells, quality } = await spellsOf({
      '2022/header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      '2022/episodes.csv': [EPISODES, 'A1,01/05/2021,S,C1,N1,U4,PR4,,,,,,'],
      '2023/header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      '2023/episodes.csv': [EPISODES, 'A1,01/05/2021,S,C1,N1,U4,PR4,01/07/2022,E41,,,,'],
    });
    expect(spells).toHaveLength(1);
    expect(spells[0]).toMatchObject({ end: day('01/07/2022'), exit: 'child_arrangements' });
    expect(quality.issues.filter((i) => i.kind !== 'no-uasc-file')).toEqual([]);
    // The 2022 row is merged into the 2023 one (the same episode), which is used.
    expect(quality.returns.map((r) => [r.year, r.rowsRead, r.used, r.merged])).toEqual([
      [2022, 1, 0, 1],
      [2023, 1, 1, 0],
    ]);
  });

  it('warns on duplicates and truncates overlapping episodes', async () => {
    const { spells, quality } = await spellsOf({
      'header.csv': [HEADER, 'A1,1,15/06/2010,,,,'],
      'episodes.csv': [
        EPISODES,
        'A1,01/05/2021,S,C1,N1,U4,PR1,01/09/2021,X1,,,,',
        'A1,01/05/2021,S,C1,N1,U4,PR1,01/09/2021,X1,,,,',
        'A1,01/08/2021,P,C1,N1,U4,PR4,,,,,,',
      ],
    });
    const kinds = Object.fromEntries(quality.issues.filter((i) => i.kind !== 'no-uasc-file').map((i) => [i.kind, i.count]));
    expect(kinds).toEqual({ 'duplicate-episode': 1, 'overlapping-episodes': 1 });
    expect(quality.issues.find((i) => i.kind === 'overlapping-episodes')!.examples[0]).toMatch(/episodes\.csv:3:8: /);
    expect(periods(spells[0]!)).toEqual([
      ['inhouse_foster', day('01/05/2021'), day('01/08/2021')],
      ['ifa_foster', day('01/08/2021'), null],
    ]);
  });

  it('counts PR0 fostering as in-house with a warning, and ends care at 18 with ageing-out reasons kept', async () => {
    const { spells, quality } = await spellsOf({
      'header.csv': [HEADER, 'A3,1,01/01/2006,,,,'],
      'episodes.csv': [EPISODES, 'A3,01/02/2021,S,L2,N1,U5,PR0,03/02/2021,X1,,,,', 'A3,03/02/2021,L,C1,N1,U5,PR0,01/01/2024,E5,,,,'],
    });
    expect(quality.issues.find((i) => i.kind === 'provider-missing')?.count).toBe(2);
    expect(spells[0]).toMatchObject({ route: 'care_proceedings', exit: 'independent_living', end: day('01/01/2024') });
    expect(spells[0]!.periods.map((p) => p.category)).toEqual(['inhouse_foster']);
  });

  it('ends a placement still open after the 18th birthday at 18, with a warning', async () => {
    const { spells, quality } = await spellsOf({
      '2023/header.csv': [HEADER, 'A5,2,10/10/2004,,,,'],
      '2023/episodes.csv': [EPISODES, 'A5,01/02/2021,S,V2,N1,H5,PR4,,,,,,'],
    });
    expect(quality.issues.find((i) => i.kind === 'in-care-past-18')?.count).toBe(1);
    expect(spells[0]).toMatchObject({ end: day('10/10/2022'), exit: 'other' });
    expect(periods(spells[0]!)).toEqual([['supported', day('01/02/2021'), day('10/10/2022')]]);
  });

  it('starts a new spell after a gap and splits spells at RNE S after an exit', async () => {
    const { spells } = await spellsOf({
      'header.csv': [HEADER, 'A1,2,15/06/2010,,,,'],
      'episodes.csv': [
        EPISODES,
        'A1,01/05/2021,S,V2,N1,U4,PR1,01/06/2021,E4A,,,,',
        'A1,01/06/2021,S,V2,N1,U4,PR1,01/07/2021,E4A,,,,',
        'A1,01/09/2021,S,C1,N1,P1,PR1,,,,,,',
      ],
    });
    expect(new Set(spells.map((s) => s.child)).size).toBe(1);
    expect(spells.map((s) => [s.start, s.end, s.exit])).toEqual([
      [day('01/05/2021'), day('01/06/2021'), 'reunification'],
      [day('01/06/2021'), day('01/07/2021'), 'reunification'],
      [day('01/09/2021'), null, null],
    ]);
  });

  it('flags UASC children and filters by LA, sex and UASC', async () => {
    const files = {
      'header.csv': ['LA,CHILD,SEX,DOB', 'X,A1,1,15/06/2007', 'X,A2,2,15/06/2007', 'Y,A1,1,15/06/2007'],
      'episodes.csv': ['LA,CHILD,DECOM,RNE,LS,PLACE,PLACE_PROVIDER,DEC,REC', 'X,A1,01/05/2023,S,V2,H5,PR4,,', 'X,A2,01/05/2023,S,V2,U4,PR4,,', 'Y,A1,01/05/2023,S,V2,U4,PR4,,'],
      'uasc.csv': ['LA,CHILD,SEX,DOB,DUC', 'X,A1,1,15/06/2007,15/06/2025'],
    };
    const all = await spellsOf(files);
    expect(all.spells.map((s) => [s.la, s.uasc, s.sex])).toEqual([
      ['X', true, 'male'],
      ['X', false, 'female'],
      ['Y', false, 'male'],
    ]);
    expect((await spellsOf(files, { las: ['X'] })).spells).toHaveLength(2);
    expect((await spellsOf(files, { sex: 'female' })).spells).toHaveLength(1);
    const uasc = await spellsOf(files, { uasc: true });
    expect(uasc.spells).toHaveLength(1);
    expect(uasc.quality.exclusions['filtered-out-child']).toBe(2);
  });

  it('leaves out episodes of a child with no Header row, with a warning', async () => {
    const { spells, quality } = await spellsOf({
      'header.csv': [HEADER],
      'episodes.csv': [EPISODES, 'A9,01/05/2021,S,C1,N1,U4,PR1,,,,,,'],
    });
    expect(spells).toEqual([]);
    expect(quality.issues[0]).toMatchObject({ kind: 'missing-child-header', count: 1 });
    expect(quality.dropped).toEqual({ 'no-header-row': 1 });
  });
});
