import type { AgeBand, EntryRoute, ExitReason, PlacementCategory, TypeOfCare } from '@carecast/engine';
import type { CareLeaverAccommodationLever, StayingPutLever } from './care-leaver-levers.js';
import type {
  Days,
  HazardPerYear,
  IsoDate,
  MoneyPerHousehold,
  MoneyPerHouseholdYear,
  MoneyPerWeek,
  MoneyPerYear,
  Months,
  Percentage,
  RatePerYear,
} from './units.js';

/** When a lever acts: from a date, optionally until a date, reaching full effect after a ramp. */
export interface LeverWindow {
  /** Short name for the report, e.g. `Early help`. */
  label?: string;
  /** First day the lever acts (ISO date within the horizon). */
  from: IsoDate;
  /** First day it no longer acts (ISO date within the horizon). __Default value:__ the end of the horizon */
  until?: IsoDate;
  /** Time from `from` to full effect, linear: `12 months` or 12 (months). __Default value:__ 0 */
  ramp?: Months;
}

/** Which entries a lever acts on. */
export interface EntryFilter {
  /** Entry routes, or `all`. __Default value:__ all */
  routes?: EntryRoute[] | 'all';
  /** Age bands at entry. __Default value:__ every band */
  ageBands?: AgeBand[];
  /** true: UASC arrivals only; false: non-UASC only. __Default value:__ both */
  uasc?: boolean;
}

/** Fewer children enter care, e.g. early help cutting care proceedings by 25%. */
export interface ReduceEntriesLever extends LeverWindow, EntryFilter {
  lever: 'reduce-entries';
  /** Cut in matching entries, between `0%` and `100%`. */
  by: Percentage;
}

/** Entries change by a count per year (`add`, may be negative) or are set to a count per year (`set`). */
export interface ChangeEntriesLever extends LeverWindow, EntryFilter {
  lever: 'change-entries';
  /** Extra entries per year over the matching groups, e.g. `+30 per year` or `-12 per year`. */
  add?: RatePerYear;
  /** Total entries per year over the matching groups, e.g. `180 per year`. */
  set?: RatePerYear;
}

/** UASC arrivals per year change (a surge or a fall). */
export interface UascArrivalsLever extends LeverWindow {
  lever: 'uasc-arrivals';
  /** UASC arrivals per year from `from`, e.g. `60 per year`. */
  perYear?: RatePerYear;
  /** Extra UASC arrivals per year, e.g. `+25 per year`. */
  add?: RatePerYear;
}

/** More foster households approved each year. */
export interface RecruitFosterCarersLever extends LeverWindow {
  lever: 'recruit-foster-carers';
  /** Extra approved households per year, e.g. `10 per year`. */
  extraHouseholdsPerYear: RatePerYear;
  /**
   * Places per new household. __Default value:__ the category's placesPerHousehold
   * @minimum 1
   * @asType integer
   */
  placesPerHousehold?: number;
  /** Household category recruited to. __Default value:__ inhouse_foster */
  category?: PlacementCategory;
  /**
   * What each extra household approved costs (recruitment and assessment), in the `lever_cost`
   * series under the lever's label: `£8,000 per household`. __Default value:__ none
   */
  costPerHousehold?: MoneyPerHousehold;
}

/** Foster households de-register at a changed rate: `by: -20%` keeps more carers. */
export interface RetainFosterCarersLever extends LeverWindow {
  lever: 'retain-foster-carers';
  /** Change in the de-registration hazard, e.g. `-20%` (at least -100%). */
  by: Percentage;
  /** __Default value:__ inhouse_foster */
  category?: PlacementCategory;
  /**
   * What the retention offer costs per approved household of the category while the lever acts (times
   * its ramp), in the `lever_cost` series: `£1,500 per household-year`. __Default value:__ none
   */
  costPerHouseholdYear?: MoneyPerHouseholdYear;
}

/** A service the strategy pays for (e.g. an early-help team), in the `lever_cost` series under its label. */
export interface ServiceCostLever extends LeverWindow {
  lever: 'service-cost';
  /** Running cost at full effect (a ramp scales it), at the prices of the start: `£450,000 per year`. */
  cost: MoneyPerYear;
}

/** Beds open in a category on `from` (and close again on `until` if given). */
export interface AddCapacityLever extends LeverWindow {
  lever: 'add-capacity';
  category: PlacementCategory;
  /**
   * Beds added; with a ramp they open in equal monthly steps.
   * @minimum 1
   * @asType integer
   */
  beds: number;
  /** Block cost per bed, paid whether filled or not: `£4,500 per week`. __Default value:__ 0 */
  weeklyCostPerBed?: MoneyPerWeek;
  /**
   * With a block cost: `true` also charges the category's weekly cost for each child in these beds
   * (a retainer plus a fee); `false` charges the block cost only. __Default value:__ false
   */
  placementCostToo?: boolean;
}

/** Beds close in a category on `from` (and reopen on `until` if given). */
export interface RemoveCapacityLever extends LeverWindow {
  lever: 'remove-capacity';
  category: PlacementCategory;
  /**
   * Beds removed; with a ramp they close in equal monthly steps.
   * @minimum 1
   * @asType integer
   */
  beds: number;
}

/**
 * Move or exit hazards change: `multiply: 1.5`, `by: +50%`, or `add: 0.1 per child-year`. A hazard pushed
 * below zero by `add` is clamped to zero.
 */
export interface ScaleTransitionLever extends LeverWindow {
  lever: 'scale-transition';
  /** Children in these categories. __Default value:__ every category */
  fromCategories?: PlacementCategory[];
  /** Moves to these categories. */
  toCategories?: PlacementCategory[];
  /** Moves to these types of care (rows whose `to` names a `typeOfCare`). */
  toTypesOfCare?: TypeOfCare[];
  /** Exits for these reasons. */
  exits?: ExitReason[];
  ageBands?: AgeBand[];
  uasc?: boolean;
  /** @minimum 0 */
  multiply?: number;
  /** Percentage change in the hazard, e.g. `+50%` or `-30%`. */
  by?: Percentage;
  /** Hazard per child-year added (may be negative). */
  add?: HazardPerYear;
}

/** After `after` in a category a child leaves or moves with a probability (witan.cic's duration caps). */
export interface DurationCapLever extends LeverWindow {
  lever: 'duration-cap';
  category: PlacementCategory;
  /** Time in the category after which the cap acts: `750 days`, `2 years`. */
  after: Days;
  /** Chance that a child reaching `after` leaves or moves, e.g. `50%`. */
  probability: Percentage;
  /** `{ category: inhouse_foster }` (a move) or `{ exit: special_guardianship }`. */
  to: { category: PlacementCategory } | { typeOfCare: TypeOfCare } | { exit: ExitReason };
  ageBands?: AgeBand[];
}

/** Unit costs change from a date: `by: +10%`, `add: £50 per week`, or `set: £900 per week`; and/or inflation. */
export interface ChangeCostLever {
  lever: 'change-cost';
  label?: string;
  /** First day the new cost applies. */
  from: IsoDate;
  /** __Default value:__ every category */
  category?: PlacementCategory;
  by?: Percentage;
  add?: MoneyPerWeek;
  set?: MoneyPerWeek;
  /** New annual inflation of unit costs, e.g. `4%`. */
  inflationPerYear?: Percentage;
}

/** The order of categories tried when `category` is full changes (restored on `until`). */
export interface FallbackOrderLever {
  lever: 'fallback-order';
  label?: string;
  from: IsoDate;
  until?: IsoDate;
  category: PlacementCategory;
  order: PlacementCategory[];
}

/**
 * A policy lever.
 * @discriminator lever
 */
export type Lever =
  | ReduceEntriesLever
  | ChangeEntriesLever
  | UascArrivalsLever
  | RecruitFosterCarersLever
  | RetainFosterCarersLever
  | AddCapacityLever
  | RemoveCapacityLever
  | ScaleTransitionLever
  | DurationCapLever
  | ChangeCostLever
  | FallbackOrderLever
  | ServiceCostLever
  | StayingPutLever
  | CareLeaverAccommodationLever;

export type LeverName = Lever['lever'];

/** Every lever name, in documentation order. */
export const LEVER_NAMES: readonly LeverName[] = [
  'reduce-entries',
  'change-entries',
  'uasc-arrivals',
  'recruit-foster-carers',
  'retain-foster-carers',
  'add-capacity',
  'remove-capacity',
  'scale-transition',
  'duration-cap',
  'change-cost',
  'fallback-order',
  'service-cost',
  'staying-put',
  'care-leaver-accommodation',
];
