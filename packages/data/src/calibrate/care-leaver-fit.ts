import {
  ACCOMMODATIONS,
  AGE_BANDS,
  CARE_LEAVER_AGES,
  DAYS_PER_YEAR,
  DEFAULT_ACCOMMODATION_MIX,
  DEFAULT_END_AGE_YEARS,
  defaultCareLeaversPerAge,
  type Accommodation,
  type CareLeaverAge,
  type ModelParameters,
} from '@carecast/engine';
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { careLeaverMixFromOc3 } from '../read/oc3.js';
import type { Oc3Read } from '../read/oc3-tables.js';
import type { CalibrationResult } from './calibrate.js';

// The care-leaver section calibrate writes: the accommodation mix by age from the OC3 tables when given
// (with its evidence), else the engine's illustrative default, labelled as such.

/** An age group needs at least this many OC3 young people to replace the default mix. */
export const OC3_MIN_YOUNG_PEOPLE = 20;

/** What the OC3 tables gave: the mix by age, its evidence and how staying put was split by provider. */
export interface CareLeaverFit {
  /** Per age group: young people counted (usable rows), by state (staying put not yet split) and in total. */
  evidence: { age: CareLeaverAge; youngPeople: number; stayingPut: number; byState: Record<Accommodation, number>; fitted: boolean }[];
  /** Shares written (each age summing to 1): fitted ages from OC3, thin ages the default. */
  accommodationByAge: Record<CareLeaverAge, Record<Accommodation, number>>;
  /** In-house share of staying put: the in-house share of 16-17-year-olds in foster care (in-house or IFA) at the window's end (OC3 names no provider). */
  inhouseShare: number;
  /** Rows used, at 17 (still in care, left out), unusable (with the first messages at file:line:col). */
  used: number;
  atSeventeen: number;
  unusable: number;
  messages: string[];
  /**
   * Care leavers on the scenario's start date by age (18 to the end age less one): the OC3 young people of
   * the collection year ending on the window's end (its files, or its rows of a table with a `YEAR`
   * column); null: no rows of that year, the default rule is used.
   */
  initialByAge: Record<string, number> | null;
  /** OC3 files read: path, the collection years its rows were read as. */
  files: { path: string; years: number[] }[];
}

/** In-house share of 16-17-year-olds in family foster care (in-house or IFA) in the calibrated stock; 0.5 without any. */
function stayingPutInhouseShare(p: CalibrationResult['parameters']): number {
  const older = AGE_BANDS[AGE_BANDS.length - 1];
  let inhouse = 0;
  let ifa = 0;
  for (const c of p.initialPopulation.counts ?? []) {
    if (c.ageBand !== older) continue;
    if (c.category === 'inhouse_foster') inhouse += c.count;
    if (c.category === 'ifa_foster') ifa += c.count;
  }
  return inhouse + ifa > 0 ? inhouse / (inhouse + ifa) : 0.5;
}

/** The collection years of the files a fit read, in order. */
export const fitYears = (fit: Pick<CareLeaverFit, 'files'>): number[] => [...new Set(fit.files.flatMap((f) => f.years))].sort((a, b) => a - b);

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Fits the accommodation mix by age from OC3 counts; ages with fewer than `minYoungPeople` keep the default mix. */
export function fitCareLeavers(result: CalibrationResult, oc3: Oc3Read, minYoungPeople = OC3_MIN_YOUNG_PEOPLE): CareLeaverFit {
  const inhouseShare = stayingPutInhouseShare(result.parameters);
  const mix = careLeaverMixFromOc3(oc3, inhouseShare, minYoungPeople);
  const accommodationByAge = {} as CareLeaverFit['accommodationByAge'];
  const evidence: CareLeaverFit['evidence'] = [];
  CARE_LEAVER_AGES.forEach((age, g) => {
    const byState = Object.fromEntries(ACCOMMODATIONS.map((a, i) => [a, oc3.counts[g]![i]!])) as Record<Accommodation, number>;
    const youngPeople = Object.values(byState).reduce((x, y) => x + y, 0) + oc3.stayingPut[g]!;
    const fitted = mix.source[age].startsWith('oc3');
    evidence.push({ age, youngPeople, stayingPut: oc3.stayingPut[g]!, byState, fitted });
    // Rounded to 4 decimals, the rounding error put on the largest share so each age sums to 1 exactly.
    const shares = Object.fromEntries(ACCOMMODATIONS.map((a) => [a, round4(mix.accommodationByAge[age][a])])) as Record<Accommodation, number>;
    const largest = ACCOMMODATIONS.reduce((b, a) => (shares[a] > shares[b] ? a : b));
    shares[largest] = round4(shares[largest] + 1 - ACCOMMODATIONS.reduce((s, a) => s + shares[a], 0));
    accommodationByAge[age] = shares;
  });
  const windowEndYear = result.evidence.referenceEnd.endsWith('-03-31') ? Number(result.evidence.referenceEnd.slice(0, 4)) : NaN;
  // One collection year's young people, the year ending on the window's end; earlier years feed the mix only.
  const latest = oc3.byYear.get(windowEndYear);
  let initialByAge: Record<string, number> | null = null;
  if (latest) {
    initialByAge = {};
    for (let age = 18; age < DEFAULT_END_AGE_YEARS; age++) initialByAge[String(age)] = latest[age - 18]!;
  }
  return {
    evidence,
    accommodationByAge,
    inhouseShare,
    used: oc3.used,
    atSeventeen: oc3.atSeventeen,
    unusable: oc3.unusable,
    messages: oc3.messages,
    initialByAge,
    files: oc3.files.map((f) => ({ path: f.path, years: [...f.years] })),
  };
}

/** One authority's care-leaver fit under `calibrate --each-la`: from its own OC3 rows, else none, with the reason. */
export interface AuthorityCareLeavers {
  /** Fitted from the authority's own OC3 rows (stacked tables with an LA column); absent: the illustrative default. */
  fit?: CareLeaverFit;
  /** Why the authority's scenario has the illustrative default although OC3 tables were given. */
  note?: string;
}

/**
 * The care-leaver mix of authority `la`'s scenario (its calibration `result`): fitted from the OC3 rows
 * carrying its code in the `LA` column, as `fitCareLeavers` fits the combined one. When the tables carry no
 * LA column, or none of its rows, the mix stays the illustrative default and `note` says why (the pooled
 * mix is not written into one authority's scenario: it is the region's, and its care leavers on the start
 * date would be the region's count).
 */
export function fitCareLeaversForLa(result: CalibrationResult, oc3: Oc3Read, la: string, minYoungPeople = OC3_MIN_YOUNG_PEOPLE): AuthorityCareLeavers {
  if (!oc3.byLa) return { note: 'the OC3 rows carry no LA column, so the mix fitted from them (all authorities pooled) is in the combined scenario only' };
  const own = oc3.byLa.get(la);
  if (!own || own.used === 0) return { note: `the OC3 tables hold no usable row with LA ${la}` };
  return { fit: fitCareLeavers(result, own, minYoungPeople) };
}

/** The care-leaver section of a calibrated scenario: from the OC3 fit when given, else the illustrative default. */
export function careLeaversSection(p: CalibrationResult['parameters'], fit?: CareLeaverFit): NonNullable<ModelParameters['careLeavers']> {
  let older = 0;
  for (const cell of p.initialPopulation.counts ?? []) if (cell.ageBand === AGE_BANDS[AGE_BANDS.length - 1]) older += cell.count;
  for (const child of p.initialPopulation.children ?? []) if (child.ageDays >= 16 * DAYS_PER_YEAR) older++;
  const perAge = defaultCareLeaversPerAge(older);
  const initialPopulation: Record<string, number> = fit?.initialByAge ? { ...fit.initialByAge } : {};
  if (!fit?.initialByAge) for (let age = 18; age < DEFAULT_END_AGE_YEARS; age++) initialPopulation[String(age)] = perAge;
  const accommodationByAge = fit
    ? Object.fromEntries(CARE_LEAVER_AGES.map((age) => [age, { ...fit.accommodationByAge[age] }]))
    : Object.fromEntries(Object.entries(DEFAULT_ACCOMMODATION_MIX).map(([age, mix]) => [age, { ...mix }]));
  return { endAgeYears: DEFAULT_END_AGE_YEARS, initialPopulation, accommodationByAge };
}

/** Comments on the care-leaver section of the scenario YAML: its source and, with OC3, the counts behind each share (`<N` under `suppressBelow`). */
export function annotateCareLeavers(doc: Document, fit: CareLeaverFit | undefined, shown: (n: number) => string, note?: string): void {
  const section = doc.getIn(['model', 'careLeavers'], true);
  if (!isMap(section)) return;
  if (!fit) {
    section.commentBefore =
      (note !== undefined ? ` ILLUSTRATIVE DEFAULT for this authority: ${note}.\n` : '') +
      ' ILLUSTRATIVE DEFAULT: the episodes hold no care-leaver accommodation. The mix by age is the default of\n' +
      ' docs/domain.md §7, and the care leavers on the start date are half the children aged 16-17 in\n' +
      ' care then, at each age from 18 to 20. Replace them with your own figures (your OC3 return).';
    return;
  }
  const thin = fit.evidence.filter((e) => !e.fitted).map((e) => e.age);
  section.commentBefore =
    ` Accommodation mix by age from the OC3 care-leaver table (${fit.files.length} file(s), collection years ${fitYears(fit).join(', ')}):\n` +
    ` ${shown(fit.used)} young people aged 18 to 21 on 31 March (ACCOM codes mapped as in docs/domain.md §7), ` +
    `${shown(fit.unusable)} rows unusable and left out, ${shown(fit.atSeventeen)} aged 17 (still in care) left out.\n` +
    ` OC3 does not name the staying-put carer's provider: staying put (Z) is split in-house ${(100 * fit.inhouseShare).toFixed(1)}% / IFA\n` +
    ' by the 16-17-year-olds in in-house and IFA foster care at the window\'s end.' +
    (thin.length > 0 ? `\n ILLUSTRATIVE DEFAULT for ages ${thin.join(', ')}: fewer than ${OC3_MIN_YOUNG_PEOPLE} young people in OC3.` : '') +
    (fit.initialByAge
      ? '\n Care leavers on the start date: the OC3 young people of each age in the year ending on the window\'s end.'
      : '\n Care leavers on the start date: ILLUSTRATIVE DEFAULT (no OC3 for the year ending on the window\'s end): half the\n children aged 16-17 in care then, at each age from 18 to 20.');
  const mix = section.get('accommodationByAge', true) as YAMLMap | undefined;
  for (const e of fit.evidence) {
    const age = mix?.get(e.age, true);
    if (!isMap(age)) continue;
    age.commentBefore = e.fitted ? ` ${shown(e.youngPeople)} young people in OC3` : ` ILLUSTRATIVE DEFAULT: ${shown(e.youngPeople)} young people in OC3`;
    if (!e.fitted) continue;
    for (const a of ACCOMMODATIONS) {
      const s = age.get(a, true);
      if (!isScalar(s)) continue;
      const n = a === 'staying_put_inhouse' || a === 'staying_put_ifa' ? e.stayingPut : e.byState[a];
      s.comment = a.startsWith('staying_put') ? ` ${shown(n)} staying put (Z), split by provider` : ` ${shown(n)} of ${shown(e.youngPeople)}`;
    }
  }
}
