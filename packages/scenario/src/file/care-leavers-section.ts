import type { ExitReason } from '@carecast/engine';
import type { HazardPerYear, MoneyPerWeek, Percentage } from './units.js';

/** Accommodation states of a care leaver (docs/contract.md). */
export type AccommodationId =
  | 'staying_put_inhouse'
  | 'staying_put_ifa'
  | 'supported_lodgings'
  | 'supported_accommodation'
  | 'independent'
  | 'parents_or_relatives'
  | 'custody'
  | 'other';

/** Age groups of the accommodation mix. */
export type CareLeaverAgeId = '18' | '19' | '20' | '21+';

/**
 * `model.careLeavers`: young people who left care at 16 or over, followed from their 18th birthday to the
 * end age. Every setting has a documented default; a file without this section uses the defaults
 * (labelled as such in the run's warnings).
 */
export interface CareLeaversSection {
  /**
   * Age in whole years at which young people leave the cohort, 19 to 25. __Default value:__ 21
   * @asType integer
   */
  endAgeYears?: number;
  /** Exit reasons that make a child leaving care at 16 or 17 a care leaver. __Default value:__ [independent_living, staying_put, adult_care, other] */
  qualifyingExits?: ExitReason[];
  /**
   * Accommodation by age group (`'18'`, `'19'`, `'20'`, `'21+'`): shares of every state, summing to 100%
   * in each group (an OC3 table calibrates them). __Default value:__ an illustrative default mix
   */
  accommodationByAge?: Partial<Record<CareLeaverAgeId, Partial<Record<AccommodationId, Percentage>>>>;
  /** Hazard of moving between accommodation states other than staying put. __Default value:__ 0.6 per year */
  movesPerYear?: HazardPerYear;
  stayingPut?: {
    /** Chance that a child leaving the category at 18 stays put. __Default value:__ the staying_put share of ageOut */
    takeUp?: Partial<Record<'inhouse_foster' | 'ifa_foster', Percentage>>;
    /** Move-on hazard from staying put (it ends at 21 in any case). __Default value:__ 0.6 per year */
    moveOnPerYear?: Partial<Record<'inhouse_foster' | 'ifa_foster', HazardPerYear>>;
  };
  /** Places in supported lodgings and supported accommodation for care leavers. __Default value:__ unlimited */
  capacity?: Partial<Record<'supported_lodgings' | 'supported_accommodation', number>>;
  /** Cost per young person by state: `£300 per week` or 300. __Default value:__ illustrative defaults */
  weeklyCost?: Partial<Record<AccommodationId, MoneyPerWeek>>;
  /** Care leavers on the start date by age in whole years (`'18': 60`). __Default value:__ half the children aged 16-17 in care, at each age */
  initialPopulation?: Partial<Record<string, number>>;
}
