import type { Accommodation, CareLeaverAge, StayingPutCategory } from './domain/care-leavers.js';
import type { ExitReason } from './domain/ids.js';
import type { Effect, ModifierWindow } from './parameters.js';

/**
 * Care leavers (docs/domain.md §7): a child leaving care at 16 or 17 for a qualifying reason, or at 18,
 * is followed from the 18th birthday to the end age in one accommodation state at a time. Rates are per
 * person-year, money GBP per week per young person. Every field has a documented default.
 */
export interface CareLeaverParameters {
  /** Age in whole years at which young people leave the cohort (19-25). __Default value:__ 21 */
  endAgeYears?: number;
  /** Exit reasons that make a child leaving care at 16 or 17 a care leaver. __Default value:__ ["independent_living", "staying_put", "adult_care", "other"] */
  qualifyingExits?: ExitReason[];
  /**
   * Shares of every accommodation state by age group (`18`, `19`, `20`, `21+`), each summing to 1: the
   * initial population's mix, and (without the staying-put states) where a young person goes at 18 and
   * when moving. __Default value:__ the illustrative default mix of `domain/care-leavers.ts`
   */
  accommodationByAge?: Partial<Record<CareLeaverAge, Partial<Record<Accommodation, number>>>>;
  /** Hazard of moving between accommodation states other than staying put, per person-year. __Default value:__ 0.6 */
  movesPerYear?: number;
  stayingPut?: StayingPutParameters;
  /** Places in supported lodgings and supported accommodation (absent: unlimited). A full state is not moved into. */
  capacity?: Partial<Record<'supported_lodgings' | 'supported_accommodation', number>>;
  /** GBP per week per young person by state. __Default value:__ the illustrative defaults of `domain/care-leavers.ts` */
  weeklyCost?: Partial<Record<Accommodation, number>>;
  /**
   * Care leavers on the start date by age in whole years (`18` to the end age less one); states are
   * apportioned from the mix of their age. __Default value:__ at every age, half the children aged 16-17
   * in care on the start date (about one year's leavers)
   */
  initialPopulation?: Partial<Record<string, number>>;
}

export interface StayingPutParameters {
  /**
   * Probability (0-1) that a child leaving the category at 18 stays put with its foster carer (the
   * `staying_put` share of `ageOut` for that category). __Default value:__ the `staying_put` share of `ageOut`
   */
  takeUp?: Partial<Record<StayingPutCategory, number>>;
  /** Move-on hazard from staying put per person-year (staying put ends at 21 in any case). __Default value:__ 0.6 */
  moveOnPerYear?: Partial<Record<StayingPutCategory, number>>;
}

/** Staying-put take-up and duration (move-on hazard), for one former carer's category or both. */
export interface StayingPutModifier extends ModifierWindow {
  kind: 'staying-put';
  /** `inhouse_foster` (with households in `supply.capacity`) or `ifa_foster`; absent: both. */
  category?: StayingPutCategory;
  /** On the probability of staying put at 18; the result is clamped to 0-1. */
  takeUp?: Effect;
  /** On the move-on hazard per person-year; a result below zero is clamped to zero. */
  moveOn?: Effect;
}

/** Places (supported lodgings, supported accommodation) and weekly cost of a care-leaver accommodation state. */
export interface CareLeaverAccommodationModifier extends ModifierWindow {
  kind: 'care-leaver-accommodation';
  accommodation: Accommodation;
  /** Places added (negative: removed), a whole number, ramped in whole places; the state must have a capacity. */
  places?: number;
  /** On GBP per week per young person. */
  weeklyCost?: Effect;
}

export type CareLeaverModifier = StayingPutModifier | CareLeaverAccommodationModifier;
