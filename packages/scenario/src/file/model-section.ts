import type { AgeBand, AgeOutReason, EntryRoute, ExitReason, PlacementCategory, TypeOfCare } from '@carecast/engine';
import type { CareLeaversSection } from './care-leavers-section.js';
import type { Days, HazardPerYear, MoneyPerWeek, Percentage, RatePerYear } from './units.js';

/**
 * The `model:` section: the engine's ModelParameters written with units. Field names are the engine's,
 * so a path such as `entries.perYear.1-4` means the same in both. The dates come from the scenario's
 * `start` and `horizon`/`end`; the modifiers from its `levers`.
 */
export interface ModelSection {
  /** The children in care on the start date. */
  initialPopulation: InitialPopulationSection;
  /** Children entering care (not UASC). */
  entries: EntriesSection;
  /** Unaccompanied asylum-seeking children: a separate arrival stream. */
  uasc?: UascSection;
  /** Moves between placement categories and exits from care: competing hazards per child-year. */
  transitions: TransitionsSection;
  /** How children still in care at 18 leave: shares of each reason, summing to 100% (or `normalise: true`). */
  ageOut: Partial<Record<AgeOutReason, Percentage>>;
  /** Foster households, beds and where a child goes when the preferred category is full. */
  supply: SupplySection;
  /** Weekly unit costs. */
  costs: CostsSection;
  /** Chance that a placement in each category is outside the authority's area (`40%` or 0.4). */
  outOfAreaProbability?: Partial<Record<PlacementCategory, Percentage>>;
  /** Care leavers from 18 to the end age: accommodation, staying put, places and costs (`care-leavers-section.ts`). __Default value:__ the documented defaults */
  careLeavers?: CareLeaversSection;
  /**
   * Parameter uncertainty of entry rates and shares (each hazard row carries its own `uncertainty`): every
   * replication draws them from these posteriors, so the bands hold rate uncertainty as well as children's
   * paths. `carecast calibrate` writes it; leave it out to take the rates as known. __Default value:__ none
   */
  uncertainty?: UncertaintySection;
}

/**
 * Gamma(shape, rate) posterior of a rate: mean shape / rate (within 5% of the rate it describes), variance
 * shape / rate². `shape` is events (or entries) plus the prior's; `rate` is the exposure in child-years
 * (hazards) or years (entries) plus the prior's. Each replication draws the rate as the written rate times
 * G / (shape / rate), G ~ Gamma(shape, rate).
 */
export interface GammaSection {
  /** @exclusiveMinimum 0 */
  shape: number;
  /** @exclusiveMinimum 0 */
  rate: number;
}

/**
 * A Dirichlet concentration (alpha) of one share: counts plus the prior's; greater than 0.
 * @exclusiveMinimum 0
 */
export type Concentration = number;

/** Dirichlet(alpha) of route shares: one concentration for exactly the keys with a share, in proportion to the shares. */
export type RouteConcentrations = Partial<Record<EntryRoute, Concentration>>;
/** Dirichlet(alpha) of first-placement weights of one age band (types of care or categories with a weight). */
export type PlacementConcentrations = Partial<Record<PlacementCategory | TypeOfCare, Concentration>>;
/** Beta posterior of the male share, as a two-key Dirichlet. */
export type SexConcentrations = Partial<Record<'male' | 'female', Concentration>>;

export interface UncertaintySection {
  entries?: {
    /** Entries per year by age band: Gamma with rate in years. */
    perYear?: Partial<Record<AgeBand, GammaSection>>;
    routeShares?: RouteConcentrations;
    routeSharesByAgeBand?: Partial<Record<AgeBand, RouteConcentrations>>;
    firstPlacement?: Partial<Record<AgeBand, PlacementConcentrations>>;
    /** The male share (`maleShare`) as a two-key Dirichlet (a Beta). */
    sex?: SexConcentrations;
  };
  uasc?: {
    /** UASC arrivals per year: Gamma with rate in years. */
    perYear?: GammaSection;
    ageBandShares?: Partial<Record<AgeBand, Concentration>>;
    firstPlacement?: Partial<Record<AgeBand, PlacementConcentrations>>;
    sex?: SexConcentrations;
  };
  /** Reasons for leaving care at 18. */
  ageOut?: Partial<Record<AgeOutReason, Concentration>>;
}

export interface InitialPopulationSection {
  /** Counts by category and age band; ages are spread uniformly within the band. */
  counts?: PopulationCellSection[];
  /** Individual children, for users who hold a list. */
  children?: InitialChildSection[];
}

export interface PopulationCellSection {
  category: PlacementCategory;
  ageBand: AgeBand;
  /**
   * Children in this cell on the start date.
   * @minimum 0
   * @asType integer
   */
  count: number;
  /**
   * Index into `transitions.durationBandsDays` (0 = the first band).
   * @minimum 0
   * @asType integer
   */
  durationBand?: number;
  /**
   * Age in whole years on the start date, within `ageBand` (ages spread over that year instead of the
   * band). `carecast calibrate` writes it. __Default value:__ absent (ages spread over the band)
   * @minimum 0
   * @maximum 17
   * @asType integer
   */
  ageYears?: number;
  /** __Default value:__ false */
  uasc?: boolean;
}

export interface InitialChildSection {
  category: PlacementCategory;
  /** Age on the start date: days, or `15 years`. */
  ageDays: Days;
  /** Time in care on the start date: days, or `2 years`. __Default value:__ 0 */
  daysInCare?: Days;
  /** Time in the current placement category. __Default value:__ daysInCare */
  daysInPlacement?: Days;
  uasc?: boolean;
  route?: EntryRoute;
  sex?: 'male' | 'female';
  outOfArea?: boolean;
}

export interface EntriesSection {
  /** Entries per year by age band, excluding UASC: `48` or `48 per year` or `4 per month`. */
  perYear: Partial<Record<AgeBand, RatePerYear>>;
  /** Compound change per year in entries, e.g. `2%` for +2% a year. __Default value:__ 0% */
  trendPerYear?: Percentage;
  /** Shares of entry routes, summing to 100% (or `normalise: true`), e.g. `care_proceedings: 60%`. */
  routeShares: Partial<Record<EntryRoute, Percentage>>;
  /** Route shares for particular age bands, overriding `routeShares`; each band's sum to 100%. */
  routeSharesByAgeBand?: Partial<Record<AgeBand, Partial<Record<EntryRoute, Percentage>>>>;
  /**
   * First placement by age band: shares summing to 100% in each band of types of care (`family_foster_care:
   * 60%`: its providers in order, by availability and matching) or of placement categories (that
   * provider only, then its fallbacks).
   */
  firstPlacement: Partial<Record<AgeBand, Partial<Record<PlacementCategory | TypeOfCare, Percentage>>>>;
  /** Share of entrants who are male. __Default value:__ 55% */
  maleShare?: Percentage;
}

export interface UascSection {
  /** UASC arrivals per year. */
  perYear: RatePerYear;
  /** Shares of arrivals by age band, summing to 100%; mostly 16-17. */
  ageBandShares: Partial<Record<AgeBand, Percentage>>;
  /** First placement by age band: shares of types of care or categories, as in `entries`, summing to 100% in each band. */
  firstPlacement: Partial<Record<AgeBand, Partial<Record<PlacementCategory | TypeOfCare, Percentage>>>>;
  /** Shares of entry routes of UASC arrivals, summing to 100%. __Default value:__ { section20: 100% } */
  routeShares?: Partial<Record<EntryRoute, Percentage>>;
  /** __Default value:__ 90% */
  maleShare?: Percentage;
}

/**
 * Where a transition leads: `{ category: ifa_foster }` (a move to that provider, then its fallbacks),
 * `{ typeOfCare: family_foster_care }` (a move to a type of care: its providers tried in order, by
 * availability and matching) or `{ exit: reunification }` (leaving care).
 */
export type TransitionTargetSection = { category: PlacementCategory } | { typeOfCare: TypeOfCare } | { exit: ExitReason };

/** One competing hazard; rates of every row matching a child add up. */
export interface TransitionRateSection {
  from: PlacementCategory;
  to: TransitionTargetSection;
  /** Hazard per child-year: `0.25` or `0.25 per child-year`. */
  perYear: HazardPerYear;
  /** Only children in these age bands. __Default value:__ every band */
  ageBands?: AgeBand[];
  /** Only children in these duration bands (indices into `durationBandsDays`). */
  durationBands?: number[];
  /** true: UASC only; false: non-UASC only. __Default value:__ both */
  uasc?: boolean;
  /** Gamma posterior of `perYear` (rate in child-years): each replication draws the hazard from it. __Default value:__ none (taken as known) */
  uncertainty?: GammaSection;
}

export interface TransitionsSection {
  /**
   * Lower bounds of the duration bands (time in care) after the first, increasing: `[90, 365, 730]` or
   * `[3 months, 1 year, 2 years]`. __Default value:__ [] (one band)
   */
  durationBandsDays?: Days[];
  rates: TransitionRateSection[];
}

/** Beds (or places) in a category. */
export interface BedCapacitySection {
  /**
   * @minimum 0
   * @asType integer
   */
  beds: number;
  /** Chance that one vacant bed suits a given child (see households). __Default value:__ 100% */
  matchProbability?: Percentage;
}

/** Foster households, recruited and de-registered over time. */
export interface HouseholdCapacitySection {
  /**
   * Approved households on the start date.
   * @minimum 0
   * @asType integer
   */
  households: number;
  /**
   * Approved places per household.
   * @minimum 1
   * @asType integer
   */
  placesPerHousehold: number;
  /** New approved households per year. __Default value:__ 0 */
  recruitmentPerYear?: RatePerYear;
  /** De-registration hazard per household-year, e.g. `0.12` or `12%`. __Default value:__ 0 */
  deregistrationPerHouseholdYear?: HazardPerYear | Percentage;
  /**
   * Chance that one vacant place suits a given child (age range of approval, siblings, needs, location),
   * each place independently: with `v` vacant places a match exists with probability
   * `1 - (1 - matchProbability)^v`, else the next provider is tried. `70%` or 0.7. __Default value:__ 100%
   */
  matchProbability?: Percentage;
}

/** Who provides a type of care, in order, and whether a child placed further down moves back. */
export interface TypeOfCareSection {
  /** Provider categories tried in order, each at most once. __Default value:__ the type's default order */
  providers?: PlacementCategory[];
  /**
   * A child placed with a later provider: `true` waits for the first and moves there as soon as it has
   * a match; `{ perYear: 0.5 per child-year }` looks again at that rate and moves when the first has a
   * match then; `false` stays (stability). __Default value:__ false
   */
  stepAcross?: boolean | { perYear: HazardPerYear };
}

export type CapacitySection = BedCapacitySection | HouseholdCapacitySection;

export interface SupplySection {
  /** Capacity-limited categories; the others are unlimited. */
  capacity: Partial<Record<PlacementCategory, CapacitySection>>;
  /** Ordered categories tried when the preferred one is full: others than itself, each once. */
  fallback: Partial<Record<PlacementCategory, PlacementCategory[]>>;
  /** Where a child goes when nothing suitable has room. __Default value:__ other */
  lastResort?: PlacementCategory;
  /**
   * Children placed out of preference (a category not met, or a type of care placed in the last resort)
   * move when a place frees in their preferred category. __Default value:__ true
   */
  waitForPreferred?: boolean;
  /**
   * Types of care: provider order and step-across, e.g. `family_foster_care: { providers: [inhouse_foster,
   * ifa_foster], stepAcross: false }`. Unnamed types keep their default order.
   */
  typesOfCare?: Partial<Record<TypeOfCare, TypeOfCareSection>>;
}

export interface CostsSection {
  /** Cost per placement by category: `£820 per week` or 820 (GBP per week). */
  weeklyCost: Partial<Record<PlacementCategory, MoneyPerWeek>>;
  /** Annual inflation of unit costs, e.g. `3%`. __Default value:__ 0% */
  inflationPerYear?: Percentage;
}
