import type { AgeBand } from './domain/age-bands.js';
import type { AgeOutReason, EntryRoute, ExitReason, PlacementCategory } from './domain/ids.js';
import type { TypeOfCare } from './domain/types-of-care.js';
import type { CareLeaverParameters, CareLeaverModifier } from './care-leaver-parameters.js';

/**
 * Everything the care model needs for one scenario. Rates a user writes are per year (entries per
 * year, moves or exits per child-year, recruitment per year, de-registrations per household-year);
 * money is GBP per week per placement; dates are ISO `YYYY-MM-DD`. The engine converts to days.
 */
export interface ModelParameters {
  /** First simulated day (ISO). The initial population is the stock at the start of this day. */
  start: string;
  /** Last simulated day, inclusive (ISO). */
  end: string;
  initialPopulation: InitialPopulation;
  entries: EntryParameters;
  /** Unaccompanied asylum-seeking children: a separate arrival stream. */
  uasc?: UascParameters;
  transitions: TransitionParameters;
  /** How children still in care at 18 leave: probabilities (normalised) of each reason. */
  ageOut: Partial<Record<AgeOutReason, number>>;
  supply: SupplyParameters;
  costs: CostParameters;
  /** Probability that a placement in each category is outside the authority's area (0-1). */
  outOfAreaProbability?: Partial<Record<PlacementCategory, number>>;
  /** Time-varying changes (policy levers), applied in order. */
  modifiers?: Modifier[];
  /** Care leavers followed from 18 to the end age (`care-leaver-parameters.ts`); absent: children simply leave at 18. */
  careLeavers?: CareLeaverParameters;
  /**
   * Parameter uncertainty of entries and shares (hazards carry theirs on each row, `TransitionRate.uncertainty`):
   * each Monte Carlo replication draws these rates from their posteriors. Absent: the rates are taken as known.
   */
  uncertainty?: ParameterUncertainty;
}

/**
 * Gamma(shape, rate) posterior of a rate per year: mean shape / rate, variance shape / rate². `rate` is
 * in the rate's exposure unit (child-years for a hazard, years for entries per year). A replication
 * draws the rate as the stated rate times G / (shape / rate), G ~ Gamma(shape, rate): its mean is the
 * stated rate exactly and its relative variance 1 / shape (shape / rate must be within 5% of the stated rate).
 */
export interface GammaPosterior {
  /** Events (or entries) plus the prior's shape: greater than 0. */
  shape: number;
  /** Exposure (child-years, or years) plus the prior's: greater than 0. */
  rate: number;
}

/**
 * Dirichlet(alpha) posterior of a set of shares: one concentration (counts plus the prior's) per key,
 * exactly the keys with a positive share. A replication draws shares proportional to
 * share_i · g_i / alpha_i with g_i ~ Gamma(alpha_i, 1) (exactly Dirichlet(alpha) when the shares are
 * alpha / Σalpha; each alpha_i / Σalpha must be within 0.05 of the normalised share).
 */
export type DirichletPosterior<K extends string> = Partial<Record<K, number>>;

/** Posteriors of the entry rates and shares; any part may be left out (those rates are taken as known). */
export interface ParameterUncertainty {
  entries?: {
    /** Entries per year by age band (non-UASC): Gamma with rate in years. */
    perYear?: Partial<Record<AgeBand, GammaPosterior>>;
    routeShares?: DirichletPosterior<EntryRoute>;
    routeSharesByAgeBand?: Partial<Record<AgeBand, DirichletPosterior<EntryRoute>>>;
    firstPlacement?: Partial<Record<AgeBand, DirichletPosterior<PlacementCategory | TypeOfCare>>>;
    /** Beta posterior of `maleShare` as a two-key Dirichlet. */
    sex?: DirichletPosterior<'male' | 'female'>;
  };
  uasc?: {
    /** UASC arrivals per year: Gamma with rate in years. */
    perYear?: GammaPosterior;
    ageBandShares?: DirichletPosterior<AgeBand>;
    firstPlacement?: Partial<Record<AgeBand, DirichletPosterior<PlacementCategory | TypeOfCare>>>;
    sex?: DirichletPosterior<'male' | 'female'>;
  };
  /** Reasons for leaving care at 18 (`ageOut`). */
  ageOut?: DirichletPosterior<AgeOutReason>;
}

/** The stock of children in care on the start date. */
export interface InitialPopulation {
  /** Counts by category and age band; ages are spread uniformly within the band (or within `ageYears`). */
  counts?: PopulationCell[];
  /** Individual children, for users who hold a list. */
  children?: InitialChild[];
}

export interface PopulationCell {
  category: PlacementCategory;
  ageBand: AgeBand;
  count: number;
  /** Index into `transitions.durationBandsDays` (0 = the first band); days in care spread within it. */
  durationBand?: number;
  /**
   * Age in whole years on the start date (calendar birthdays), within `ageBand`: ages are then spread
   * uniformly over that year of age instead of the whole band. Calibrated stocks give it, because within a
   * band ages are far from uniform (in supported accommodation 16-17, most children are 17 and leave at 18
   * within the year). __Default value:__ absent (the whole band)
   */
  ageYears?: number;
  uasc?: boolean;
}

export interface InitialChild {
  category: PlacementCategory;
  /** Age on the start date in days. */
  ageDays: number;
  /** Days in care on the start date. __Default value:__ 0 */
  daysInCare?: number;
  /** Days in the current placement category on the start date. __Default value:__ daysInCare */
  daysInPlacement?: number;
  uasc?: boolean;
  route?: EntryRoute;
  sex?: 'male' | 'female';
  outOfArea?: boolean;
}

export interface EntryParameters {
  /** Entries per year by age band, excluding UASC (Poisson arrivals). */
  perYear: Partial<Record<AgeBand, number>>;
  /** Compound proportional change per year in entries, e.g. 0.02 for +2% a year. __Default value:__ 0 */
  trendPerYear?: number;
  /** Shares of entry routes (normalised). Overridden per band by `routeSharesByAgeBand`. */
  routeShares: Partial<Record<EntryRoute, number>>;
  routeSharesByAgeBand?: Partial<Record<AgeBand, Partial<Record<EntryRoute, number>>>>;
  /**
   * First placement by age band: weights (normalised per band) of types of care (`family_foster_care`:
   * its providers in order, by availability and matching) or of categories (that provider only, then
   * its fallbacks).
   */
  firstPlacement: Partial<Record<AgeBand, Partial<Record<PlacementCategory | TypeOfCare, number>>>>;
  /** Share of entrants who are male (0-1). __Default value:__ 0.55 */
  maleShare?: number;
}

export interface UascParameters {
  /** UASC arrivals per year. */
  perYear: number;
  /** Shares of arrivals by age band (normalised); mostly 16-17. */
  ageBandShares: Partial<Record<AgeBand, number>>;
  /** First placement by age band: weights of types of care or categories, as `entries.firstPlacement`. */
  firstPlacement: Partial<Record<AgeBand, Partial<Record<PlacementCategory | TypeOfCare, number>>>>;
  /** Shares of entry routes of UASC arrivals (normalised). __Default value:__ { section20: 1 } */
  routeShares?: Partial<Record<EntryRoute, number>>;
  /** __Default value:__ 0.9 */
  maleShare?: number;
}

/** A move to a category (this provider, then its fallbacks), to a type of care (its providers by availability), or an exit. */
export type TransitionTarget = { category: PlacementCategory } | { typeOfCare: TypeOfCare } | { exit: ExitReason };

/**
 * One competing hazard. Rates of every row matching a child add up. A row applies to all age bands,
 * duration bands and both UASC groups unless it names some.
 */
export interface TransitionRate {
  from: PlacementCategory;
  to: TransitionTarget;
  /** Hazard per child-year. */
  perYear: number;
  ageBands?: AgeBand[];
  /** Indices into the duration bands (time in care). */
  durationBands?: number[];
  uasc?: boolean;
  /** Gamma posterior of `perYear` (rate in child-years); absent: the hazard is taken as known. */
  uncertainty?: GammaPosterior;
}

export interface TransitionParameters {
  /**
   * Lower bounds, in days in care, of the duration bands after the first (which starts at 0),
   * increasing: `[90, 365, 730]` makes bands [0,90), [90,365), [365,730), [730,∞).
   * __Default value:__ [] (one band)
   */
  durationBandsDays?: number[];
  rates: TransitionRate[];
}

/** Beds (or places) available in a category. */
export interface BedCapacity {
  beds: number;
  /** Chance (0-1) that one vacant place suits a given child; see `HouseholdCapacity.matchProbability`. __Default value:__ 1 */
  matchProbability?: number;
}

/** Foster households, each with approved places; recruited and de-registered over time. */
export interface HouseholdCapacity {
  households: number;
  /** Approved places per household (whole number). */
  placesPerHousehold: number;
  /** New approved households per year. __Default value:__ 0 */
  recruitmentPerYear?: number;
  /** De-registration hazard per household-year. __Default value:__ 0 */
  deregistrationPerHouseholdYear?: number;
  /**
   * Chance (0-1) that one vacant place suits a given child (age range of approval, siblings, needs,
   * location), independently per place: with `v` vacant places a match exists with probability
   * `1 - (1 - matchProbability)^v`; otherwise the next provider is tried. __Default value:__ 1
   */
  matchProbability?: number;
}

/** Who provides a type of care, in order, and whether a child placed further down moves back. */
export interface TypeOfCareSpec {
  /** Provider categories tried in order, each at most once. __Default value:__ the type's default order */
  providers?: PlacementCategory[];
  /**
   * A child placed with a later provider of the list (after a first placement by this type): `true`
   * waits for the first provider and moves there as soon as it has a match; `{ perYear: h }` looks
   * again at rate `h` per child-year and moves when the first provider has a match then; `false`
   * stays (for stability). __Default value:__ false
   */
  stepAcross?: boolean | { perYear: number };
}

export type CapacitySpec = BedCapacity | HouseholdCapacity;

export interface SupplyParameters {
  /** Capacity-limited categories; others are unlimited. */
  capacity: Partial<Record<PlacementCategory, CapacitySpec>>;
  /** Ordered categories tried when the preferred one is full. */
  fallback: Partial<Record<PlacementCategory, PlacementCategory[]>>;
  /** Where a child goes when nothing suitable has room. __Default value:__ "other" */
  lastResort?: PlacementCategory;
  /**
   * Children placed out of preference (a category need not met, or a type of care none of whose providers
   * had a match, so placed in the last resort) move when a place frees in their preferred category.
   * __Default value:__ true
   */
  waitForPreferred?: boolean;
  /** Provider orders and step-across of types of care; unnamed types keep their default order. */
  typesOfCare?: Partial<Record<TypeOfCare, TypeOfCareSpec>>;
}

export interface CostParameters {
  /** GBP per week per placement, by category. */
  weeklyCost: Partial<Record<PlacementCategory, number>>;
  /** Annual inflation of unit costs, e.g. 0.03. __Default value:__ 0 */
  inflationPerYear?: number;
}

/** When a modifier acts: from a date, optionally until a date, reaching full effect after `rampMonths`. */
export interface ModifierWindow {
  from: string;
  until?: string;
  /** Months from `from` to full effect, linear. __Default value:__ 0 */
  rampMonths?: number;
}

/** Change to a rate or amount: multiply it, add to it (in its own units), or set it. */
export type Effect = { multiply: number } | { add: number } | { set: number };

export interface EntriesModifier extends ModifierWindow {
  kind: 'entries';
  routes?: EntryRoute[];
  ageBands?: AgeBand[];
  /** true: UASC arrivals only; false: non-UASC only; absent: both. */
  uasc?: boolean;
  /** On entries per year; `add`/`set` spread over matching cells in proportion to their base rates. */
  effect: Effect;
}

export interface HazardModifier extends ModifierWindow {
  kind: 'hazard';
  fromCategories?: PlacementCategory[];
  /** Moves naming these categories. */
  toCategories?: PlacementCategory[];
  /** Moves naming these types of care (`to: { typeOfCare }`). */
  toTypesOfCare?: TypeOfCare[];
  exits?: ExitReason[];
  ageBands?: AgeBand[];
  uasc?: boolean;
  /** On hazards per child-year; a result below zero is clamped to zero. */
  effect: Effect;
}

export interface CapacityModifier {
  kind: 'capacity';
  date: string;
  category: PlacementCategory;
  /** Beds added (positive) or removed (negative). */
  change: number;
  /**
   * Block cost in GBP per week per bed, charged whether filled or not. The block cost is charged on the
   * net block beds at each price: added beds are charged from `date`, and a reduction with the same
   * `weeklyCostPerBed` gives that many back so their cost stops on its `date`. A reduction may not give
   * back more block beds than are held at its price on its date (validation error). __Default value:__ 0
   */
  weeklyCostPerBed?: number;
  /**
   * With a block cost: `true` also charges the category's weekly cost per placement for children in
   * these beds; `false` charges the block cost only (children fill block beds first). __Default value:__ false
   */
  placementCostToo?: boolean;
}

export interface RecruitmentModifier extends ModifierWindow {
  kind: 'recruitment';
  /** __Default value:__ "inhouse_foster" */
  category?: PlacementCategory;
  extraHouseholdsPerYear: number;
  /** __Default value:__ the category's placesPerHousehold */
  placesPerHousehold?: number;
  /**
   * GBP per household approved through this modifier (recruitment and assessment, prices at `start`),
   * charged when it is approved, in the `lever_cost` series. __Default value:__ none
   */
  costPerHousehold?: number;
  /** The `lever_cost` category the cost goes to. __Default value:__ "recruitment" */
  costLabel?: string;
}

export interface RetentionModifier extends ModifierWindow {
  kind: 'retention';
  /** __Default value:__ "inhouse_foster" */
  category?: PlacementCategory;
  /** On the de-registration hazard per household-year. */
  effect: Effect;
  /**
   * GBP per household-year (prices at `start`) charged on every approved household of the category
   * while the modifier acts, times its ramp share, in the `lever_cost` series. __Default value:__ none
   */
  costPerHouseholdYear?: number;
  /** The `lever_cost` category the cost goes to. __Default value:__ "retention" */
  costLabel?: string;
}

/** A service the strategy pays for (e.g. an early-help team): GBP per year while it acts, times its ramp share. */
export interface ServiceCostModifier extends ModifierWindow {
  kind: 'service-cost';
  /** GBP per year at prices of `start` (inflated as the `cost` series without a category). */
  gbpPerYear: number;
  /** The `lever_cost` category the cost goes to. __Default value:__ "service" */
  costLabel?: string;
}

export interface DurationCapModifier extends ModifierWindow {
  kind: 'duration-cap';
  category: PlacementCategory;
  /** Days in the category after which the cap acts. */
  afterDays: number;
  /** Probability (0-1) that a child reaching `afterDays` leaves or moves. */
  probability: number;
  to: TransitionTarget;
  ageBands?: AgeBand[];
}

export interface CostModifier {
  kind: 'cost';
  from: string;
  /** Absent: every category. */
  category?: PlacementCategory;
  /** On GBP per week per placement. */
  effect?: Effect;
  inflationPerYear?: number;
}

export interface FallbackModifier {
  kind: 'fallback';
  from: string;
  category: PlacementCategory;
  order: PlacementCategory[];
}

export type Modifier =
  | EntriesModifier
  | HazardModifier
  | CapacityModifier
  | RecruitmentModifier
  | RetentionModifier
  | DurationCapModifier
  | CostModifier
  | FallbackModifier
  | ServiceCostModifier
  | CareLeaverModifier;
