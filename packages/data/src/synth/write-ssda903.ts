import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RandomStream, SIXTEEN_PLUS_ONLY, SUPPORTED_FROM_AGE_YEARS, isoToDay, type EntryRoute, type ExitReason, type PlacementCategory } from '@carecast/engine';
import type { ChildRecord, EpisodeRecord } from '@carecast/engine/advanced';
import { anniversary, dayToDmy } from '../read/dates.js';
import type { SimRecords } from './records.js';
import { collectionYears } from './collection-years.js';

export { collectionYears };

const HEADER_COLUMNS = ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'];
const EPISODE_COLUMNS = ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'];
const UASC_COLUMNS = ['CHILD', 'SEX', 'DOB', 'DUC'];

/** PLACE codes drawn for each category, and the provider codes that keep the mapping. */
const PLACE_CODES: Record<PlacementCategory, { places: string[]; providers: string[] }> = {
  kinship_foster: { places: ['U1', 'U2', 'U3'], providers: ['PR1'] },
  inhouse_foster: { places: ['U4', 'U5', 'U6'], providers: ['PR1', 'PR2', 'PR3'] },
  ifa_foster: { places: ['U4', 'U5', 'U6'], providers: ['PR4', 'PR5'] },
  inhouse_residential: { places: ['K2', 'R1', 'P3'], providers: ['PR1'] },
  external_residential: { places: ['K2', 'R1', 'S1'], providers: ['PR4', 'PR5'] },
  supported: { places: ['H5', 'P2'], providers: ['PR1', 'PR4'] },
  secure: { places: ['K1'], providers: ['PR1', 'PR4'] },
  placed_with_parents: { places: ['P1'], providers: ['PR1'] },
  adoption_placement: { places: ['A3', 'A4', 'A5', 'A6'], providers: ['PR1', 'PR4'] },
  other: { places: ['R2', 'R3', 'R5', 'Z1'], providers: ['PR1', 'PR4'] },
};
const REC_CODES: Record<ExitReason, string[]> = {
  reunification: ['E4A', 'E4B', 'E13'],
  adoption: ['E11', 'E12'],
  special_guardianship: ['E43', 'E44', 'E45', 'E46', 'E47', 'E48'],
  child_arrangements: ['E41'],
  independent_living: ['E5', 'E6'],
  staying_put: ['E17'],
  adult_care: ['E7'],
  transfer: ['E3'],
  other: ['E2', 'E8', 'E15', 'E16'],
};
const CIN_CODES = ['N1', 'N1', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'];
/** K3 replaced H5/P2 for supported accommodation from the 2024-25 collection. */
const K3_FROM = isoToDay('2024-04-01');
/** Share of care-proceedings entries that start under police protection (L1-L3) before an interim order. */
const POLICE_PROTECTION_SHARE = 0.15;
/** Days after entry at which an interim care order (C1) becomes a full care order (C2), as an RNE L episode. */
const FULL_ORDER_AFTER_DAYS = 240;

interface Row {
  child: number;
  decom: number;
  dec: number | null;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string;
  rec: string;
  reasonChange: string;
}

/**
 * Turns simulated placement records into SSDA903 rows: RNE S/P (and L for legal status changes), LS
 * consistent with the entry route, PLACE/PLACE_PROVIDER drawn to map back to each category and REC
 * codes for exit reasons. Children carry run-local ids (C000001...) and simulated dates of birth only.
 */
export function toSsda903Rows(records: SimRecords, seed: number): { rows: Row[]; children: ChildRecord[] } {
  const codes = RandomStream.derive(seed, 'ssda903-codes');
  const pick = <T>(xs: readonly T[]): T => xs[codes.integer(0, xs.length - 1)]!;
  const byChild = new Map<number, EpisodeRecord[]>();
  for (const e of records.episodes) {
    const list = byChild.get(e.child);
    if (list) list.push(e);
    else byChild.set(e.child, [e]);
  }
  const rows: Row[] = [];
  const children = [...records.children].sort((a, b) => a.child - b.child);
  for (const child of children) {
    const eps = byChild.get(child.child);
    if (!eps) continue;
    eps.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    // A placement left on the day it began holds no day of care: SSDA903 would show two episodes starting that day.
    for (let i = eps.length - 2; i >= 0; i--) {
      if (eps[i]!.end === eps[i]!.start && eps[i + 1]!.start === eps[i]!.start) eps.splice(i, 1);
    }
    let entered = Math.min(isoToDay(child.entered), isoToDay(eps[0]!.start));
    // An initial child in supported accommodation cannot have been there before 16: its record starts at 16.
    if (SIXTEEN_PLUS_ONLY.has(eps[0]!.category)) entered = Math.max(entered, anniversary(isoToDay(child.birth), SUPPORTED_FROM_AGE_YEARS));
    const cin = pick(CIN_CODES);
    const lsAt = legalStatus(child.route, entered, codes.bernoulli(POLICE_PROTECTION_SHARE));
    for (let i = 0; i < eps.length; i++) {
      const e = eps[i]!;
      const start = i === 0 ? entered : isoToDay(e.start);
      const end = e.end === null ? null : isoToDay(e.end);
      const codesFor = PLACE_CODES[e.category];
      let place = pick(codesFor.places);
      if (e.category === 'supported' && start >= K3_FROM) place = 'K3';
      const provider = pick(codesFor.providers);
      // Legal status changes inside one placement become extra episodes with RNE L.
      const cuts = lsAt.changes.filter((c) => c.day > start && (end === null || c.day < end));
      let decom = start;
      let rne = i === 0 ? 'S' : 'P';
      for (const cut of [...cuts, null]) {
        const dec = cut ? cut.day : end;
        const rec = cut ? 'X1' : end === null ? '' : e.exit ? pick(REC_CODES[e.exit]) : 'X1';
        rows.push({
          child: child.child,
          decom,
          dec,
          rne,
          ls: lsAt.at(decom),
          cin,
          place,
          provider,
          rec,
          reasonChange: rne === 'P' ? 'CARPL' : '',
        });
        if (cut) {
          decom = cut.day;
          rne = 'L';
        }
      }
    }
  }
  return { rows, children };
}

function legalStatus(route: EntryRoute, entered: number, policeFirst: boolean) {
  if (route === 'care_proceedings') {
    const changes = policeFirst ? [{ day: entered + 2, ls: 'C1' }] : [];
    changes.push({ day: entered + FULL_ORDER_AFTER_DAYS, ls: 'C2' });
    const first = policeFirst ? 'L2' : 'C1';
    return {
      changes,
      at: (day: number) => changes.reduce((ls, c) => (day >= c.day ? c.ls : ls), first),
    };
  }
  const ls = route === 'section20' ? 'V2' : 'J2';
  return { changes: [] as { day: number; ls: string }[], at: () => ls };
}

/**
 * Writes SSDA903 Header, Episodes and UASC CSVs, one folder per collection year (DIR/2026/...), each
 * holding the episodes open at some time in that year with DEC blank when still open on 31 March.
 */
export async function writeSsda903(records: SimRecords, dir: string, seed: number): Promise<string[]> {
  const { rows, children } = toSsda903Rows(records, seed);
  const childById = new Map(children.map((c) => [c.child, c]));
  const written: string[] = [];
  for (const year of collectionYears(records.start, records.end)) {
    const yearStart = isoToDay(`${year - 1}-04-01`);
    const yearEnd = isoToDay(`${year}-03-31`);
    const episodes: string[] = [EPISODE_COLUMNS.join(',')];
    const inYear = new Set<number>();
    for (const r of rows) {
      if (r.decom > yearEnd || (r.dec !== null && r.dec < yearStart)) continue;
      inYear.add(r.child);
      const closed = r.dec !== null && r.dec <= yearEnd;
      episodes.push(
        [
          childId(r.child),
          dayToDmy(r.decom),
          r.rne,
          r.ls,
          r.cin,
          r.place,
          r.provider,
          closed ? dayToDmy(r.dec!) : '',
          closed ? r.rec : '',
          r.reasonChange,
          '',
          '',
          '',
        ].join(','),
      );
    }
    const header: string[] = [HEADER_COLUMNS.join(',')];
    const uasc: string[] = [UASC_COLUMNS.join(',')];
    for (const id of [...inYear].sort((a, b) => a - b)) {
      const c = childById.get(id)!;
      const sex = c.sex === 'male' ? '1' : '2';
      const dob = isoToDay(c.birth);
      header.push([childId(id), sex, dayToDmy(dob), 'NOBT', '', '', ''].join(','));
      if (c.uasc) uasc.push([childId(id), sex, dayToDmy(dob), dayToDmy(anniversary(dob, 18))].join(','));
    }
    const folder = join(dir, String(year));
    await mkdir(folder, { recursive: true });
    for (const [name, lines] of [
      ['header.csv', header],
      ['episodes.csv', episodes],
      ['uasc.csv', uasc],
    ] as const) {
      const path = join(folder, name);
      await writeFile(path, lines.join('\n') + '\n');
      written.push(path);
    }
  }
  return written;
}

const childId = (n: number): string => `C${String(n).padStart(6, '0')}`;
