import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOMMODATIONS, CARE_LEAVER_AGES, DEFAULT_ACCOMMODATION_MIX } from '@carecast/engine';
import { careLeaverMixFromOc3, readOc3, synthesizeOc3 } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'carecast-oc3-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('OC3 care-leaver table', () => {
  it('a synthetic OC3 return drawn from a mix is read back to that mix (every share within 4 binomial standard errors)', async () => {
    const mix = { ...DEFAULT_ACCOMMODATION_MIX, '21+': { supported_lodgings: 0.05, supported_accommodation: 0.1, independent: 0.55, parents_or_relatives: 0.1, custody: 0.05, other: 0.15 } };
    const n = 3000;
    const file = join(dir, 'oc3.csv');
    writeFileSync(file, synthesizeOc3(mix, 2024, n, 7));
    const counts = await readOc3(file, 2024);
    expect(counts.unusable).toBe(0);
    expect(counts.used + counts.atSeventeen).toBe(4 * n);
    const spInhouse = mix['18'].staying_put_inhouse / (mix['18'].staying_put_inhouse + mix['18'].staying_put_ifa);
    const est = careLeaverMixFromOc3(counts, spInhouse);
    CARE_LEAVER_AGES.forEach((age) => {
      expect(est.source[age]).toMatch(/^oc3/);
      const given = mix[age] as Record<string, number | undefined>;
      for (const a of ACCOMMODATIONS) {
        const p = given[a] ?? 0;
        // Staying put is split by the age-18 in-house share, so compare the two together.
        if (a.startsWith('staying_put')) continue;
        const se = Math.sqrt((Math.max(p, 1e-3) * (1 - p)) / n);
        expect(Math.abs(est.accommodationByAge[age][a] - p), `${age} ${a}`).toBeLessThan(4 * se + 1e-9);
      }
      const sp = (given['staying_put_inhouse'] ?? 0) + (given['staying_put_ifa'] ?? 0);
      const spEst = est.accommodationByAge[age].staying_put_inhouse + est.accommodationByAge[age].staying_put_ifa;
      expect(Math.abs(spEst - sp)).toBeLessThan(4 * Math.sqrt((Math.max(sp, 1e-3) * (1 - sp)) / n) + 1e-9);
      const sum = ACCOMMODATIONS.reduce((x, a) => x + est.accommodationByAge[age][a], 0);
      expect(sum).toBeCloseTo(1, 12);
    });
  });

  it('counts unusable rows with file:row:col, keeps 17-year-olds out, and labels thin ages as default', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\n1,15/06/2005,YES,F2,U1\n2,31/02/2005,YES,F2,U1\n3,15/06/2005,YES,F2,Q1\n4,15/06/2006,YES,F2,U1\n');
    const counts = await readOc3(file, 2024);
    expect(counts.used).toBe(1);
    expect(counts.atSeventeen).toBe(1);
    expect(counts.unusable).toBe(2);
    expect(counts.messages[0]).toMatch(/bad\.csv:3:2: DOB is not a date/);
    expect(counts.messages[1]).toMatch(/bad\.csv:4:5: ACCOM "Q1" is not an OC3 accommodation code/);
    const est = careLeaverMixFromOc3(counts);
    expect(est.source['18']).toMatch(/^default \(only 1 young people/);
    expect(est.accommodationByAge['18']).toEqual(DEFAULT_ACCOMMODATION_MIX['18']);
  });

  it('a stacked table with an LA column counts each authority apart, the authorities summing to the whole', async () => {
    const file = join(dir, 'stacked.csv');
    writeFileSync(
      file,
      'LA,CHILD,DOB,ACCOM\nA01,1,15/06/2005,U1\nA01,2,15/06/2005,Z1\nB02,3,15/06/2005,U1\nB02,4,15/06/2004,B1\nB02,5,31/02/2005,U1\nA01,6,15/06/2006,U1\n',
    );
    const counts = await readOc3(file, 2024);
    expect([...counts.byLa!.keys()]).toEqual(['A01', 'B02']);
    const a = counts.byLa!.get('A01')!;
    const b = counts.byLa!.get('B02')!;
    const independent = ACCOMMODATIONS.indexOf('independent');
    expect([a.used, a.atSeventeen, a.unusable, a.counts[0]![independent], a.stayingPut[0]]).toEqual([2, 1, 0, 1, 1]);
    expect([b.used, b.atSeventeen, b.unusable, b.counts[0]![independent], b.counts[1]![ACCOMMODATIONS.indexOf('parents_or_relatives')]]).toEqual([2, 0, 1, 1, 1]);
    expect(b.messages[0]).toMatch(/stacked\.csv:6:3: DOB is not a date/);
    for (const key of ['used', 'atSeventeen', 'unusable'] as const) expect(a[key] + b[key]).toBe(counts[key]);
    expect((await readOc3(join(dir, 'bad.csv'), 2024)).byLa).toBeUndefined();
  });

  it('splits a YEAR column\'s rows by collection year (ages on each year\'s 31 March) and counts a YEAR that names no year at file:row:col', async () => {
    const file = join(dir, 'years.csv');
    // Born 15/06/2005: 18 on 31 March 2024, 19 on 31 March 2025. The file's own year (2030) is not used.
    const rows = [
      '2024,1,15/06/2005,U1',
      '2024-25,2,15/06/2005,U1',
      '2023/24,3,15/06/2005,Z1',
      '2025,4,15/06/2005,B1',
      '2024-2025,5,15/06/2005,U1',
      '24,6,15/06/2005,U1',
      ',7,15/06/2005,U1',
      '2023-25,8,15/06/2005,U1',
      'FY2024,9,15/06/2005,U1',
    ];
    writeFileSync(file, `IN_TOUCH,YEAR,CHILD,DOB,ACCOM\n${rows.map((r) => `YES,${r}`).join('\n')}\n`);
    const counts = await readOc3(file, 2030);
    expect(counts.used).toBe(5);
    expect(counts.unusable).toBe(4);
    expect([...counts.byYear.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [2024, [2, 0, 0, 0]],
      [2025, [0, 3, 0, 0]],
    ]);
    // Pooled over the years: the mix counts every usable row.
    const independent = ACCOMMODATIONS.indexOf('independent');
    expect([counts.counts[0]![independent], counts.stayingPut[0], counts.counts[1]![independent], counts.counts[1]![ACCOMMODATIONS.indexOf('parents_or_relatives')]]).toEqual([1, 1, 2, 1]);
    expect(counts.messages).toEqual([7, 8, 9, 10].map((line, i) => expect.stringMatching(new RegExp(`years\\.csv:${line}:2: YEAR "${['24', '', '2023-25', 'FY2024'][i]}" is not a collection year; expected`))));
  });
});
