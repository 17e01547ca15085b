import type { ExitReason } from './ids.js';

// Care leavers (docs/domain.md §7): young people who left care at 16 or over and are followed from
// their 18th birthday to the end age (21 by default, 19-25 allowed), each in one accommodation state.

/** Accommodation states of a care leaver, in Carecast's fixed order. */
export const ACCOMMODATIONS = [
  'staying_put_inhouse',
  'staying_put_ifa',
  'supported_lodgings',
  'supported_accommodation',
  'independent',
  'parents_or_relatives',
  'custody',
  'other',
] as const;
export type Accommodation = (typeof ACCOMMODATIONS)[number];
export const ACCOMMODATION_COUNT = ACCOMMODATIONS.length;
export const accommodationIndex = (a: Accommodation): number => ACCOMMODATIONS.indexOf(a);
export const isAccommodation = (s: string): s is Accommodation => (ACCOMMODATIONS as readonly string[]).includes(s);

/** The staying-put states, and the placement category of the former carer of each. */
export const SP_INHOUSE = 0;
export const SP_IFA = 1;
export const STAYING_PUT_CATEGORIES = ['inhouse_foster', 'ifa_foster'] as const;
export type StayingPutCategory = (typeof STAYING_PUT_CATEGORIES)[number];
export const isStayingPut = (a: number): boolean => a === SP_INHOUSE || a === SP_IFA;

/** Accommodation states that may have a capacity (places) and a capacity lever. */
export const CAPACITY_ACCOMMODATIONS = ['supported_lodgings', 'supported_accommodation'] as const satisfies readonly Accommodation[];

/** Age care leavers are followed from (the 18th birthday), and the end ages allowed. */
export const CARE_LEAVER_FROM_AGE_YEARS = 18;
export const DEFAULT_END_AGE_YEARS = 21;
export const MIN_END_AGE_YEARS = 19;
export const MAX_END_AGE_YEARS = 25;
/** Staying put ends by the 21st birthday at the latest (Children and Families Act 2014). */
export const STAYING_PUT_MAX_AGE_YEARS = 21;

/** Age groups of `care_leavers_by_age`: ages 18, 19, 20 and 21 or over. */
export const CARE_LEAVER_AGES = ['18', '19', '20', '21+'] as const;
export type CareLeaverAge = (typeof CARE_LEAVER_AGES)[number];
export const careLeaverAgeGroup = (ageYears: number): number => Math.min(ageYears - CARE_LEAVER_FROM_AGE_YEARS, CARE_LEAVER_AGES.length - 1);

/** Exit reasons that make a child leaving care at 16 or 17 a care leaver (everyone leaving at 18 is one). */
export const DEFAULT_QUALIFYING_EXITS: readonly ExitReason[] = ['independent_living', 'staying_put', 'adult_care', 'other'];

/**
 * The default accommodation mix by age (shares of every state, by age group 18, 19, 20, 21+), used when
 * a scenario gives none and no OC3 table is calibrated. ILLUSTRATIVE: rounded to the pattern of the
 * DfE care-leaver returns (OC3, docs/domain.md §7) — staying put common at 18 and ending by 21,
 * supported and semi-independent accommodation giving way to independent living with age — not an
 * authority's own figures.
 */
export const DEFAULT_ACCOMMODATION_MIX: Readonly<Record<CareLeaverAge, Readonly<Record<Accommodation, number>>>> = {
  '18': { staying_put_inhouse: 0.14, staying_put_ifa: 0.08, supported_lodgings: 0.07, supported_accommodation: 0.3, independent: 0.13, parents_or_relatives: 0.13, custody: 0.03, other: 0.12 },
  '19': { staying_put_inhouse: 0.08, staying_put_ifa: 0.05, supported_lodgings: 0.06, supported_accommodation: 0.22, independent: 0.29, parents_or_relatives: 0.14, custody: 0.04, other: 0.12 },
  '20': { staying_put_inhouse: 0.05, staying_put_ifa: 0.03, supported_lodgings: 0.04, supported_accommodation: 0.15, independent: 0.41, parents_or_relatives: 0.14, custody: 0.04, other: 0.14 },
  '21+': { staying_put_inhouse: 0, staying_put_ifa: 0, supported_lodgings: 0.02, supported_accommodation: 0.1, independent: 0.5, parents_or_relatives: 0.15, custody: 0.04, other: 0.19 },
};

/** Default hazard of moving between accommodation states other than staying put, per person-year. */
export const DEFAULT_MOVES_PER_YEAR = 0.6;
/** Default move-on hazard from staying put, per person-year (mean stay about 1.7 years, capped at 21). */
export const DEFAULT_STAYING_PUT_MOVE_ON_PER_YEAR = 0.6;

/** Default GBP per week per young person, by state (ILLUSTRATIVE): allowances and support costs the authority pays. */
export const DEFAULT_WEEKLY_COST: Readonly<Record<Accommodation, number>> = {
  staying_put_inhouse: 300,
  staying_put_ifa: 450,
  supported_lodgings: 250,
  supported_accommodation: 1000,
  independent: 0,
  parents_or_relatives: 0,
  custody: 0,
  other: 0,
};

/**
 * Hazard per year of moving from state `from` to `to` (not staying put) at age group `a`: the move
 * hazard times `to`'s share of the non-staying-put mix without `from` (a move always changes state).
 */
export function moveHazard(movesPerYear: number, mix: readonly number[], from: number, to: number): number {
  if (to === from || isStayingPut(to)) return 0;
  let rest = 0;
  for (let k = 0; k < mix.length; k++) if (k !== from && !isStayingPut(k)) rest += mix[k]!;
  return rest > 0 ? (movesPerYear * mix[to]!) / rest : 0;
}

/** Shares of the non-staying-put states of a mix (summing to 1), the destination of a move-on. */
export function moveOnShares(mix: readonly number[]): number[] {
  let rest = 0;
  for (let k = 0; k < mix.length; k++) if (!isStayingPut(k)) rest += mix[k]!;
  return Array.from(mix, (v, k) => (isStayingPut(k) || rest <= 0 ? 0 : v / rest));
}

/**
 * The default initial care leavers at each age from 18 to the end age, when a scenario gives none: half
 * the children aged 16-17 in care on the start date (an illustrative rule: each year of age in care
 * holds about half the 16-17 band, and most of them become care leavers).
 */
export function defaultCareLeaversPerAge(childrenAged16To17: number): number {
  return Math.round(childrenAged16To17 / 2);
}
