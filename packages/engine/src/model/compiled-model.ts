/**
 * The care model compiled from ModelParameters: plain data (numbers, arrays, typed arrays) so it can
 * be structured-cloned to workers. Rates are per day; days are days since 1970-01-01.
 */

/** Competing hazards per cell [uasc][category][ageBand][durationBand], sparse by target. */
export interface HazardTable {
  /** Total hazard per day of each cell. */
  total: Float64Array;
  /** Cell c's targets are entries start[c] .. start[c+1]-1. */
  start: Int32Array;
  /** Target code: category index, or EXIT_TARGET_OFFSET + exit reason index. */
  target: Int8Array;
  /** Hazard per day of each target. */
  rate: Float64Array;
  /** Cells with equal signatures have identical hazards (so crossing between them needs no re-draw). */
  signature: Int32Array;
}

/** Rates in force from `day` until the next epoch. */
export interface Epoch {
  day: number;
  /** Index into `CompiledModel.hazardTables`. */
  hazard: number;
  /** Cells whose hazards differ from the previous epoch's (1), or null when the table is the same. */
  hazardChanged: Uint8Array | null;
  /** Arrivals per day of each entry cell. */
  entryPerDay: Float64Array;
  /** Per category: recruitment sources as [households per day, places per household] pairs. */
  recruitment: number[][];
  /** Per category: de-registration hazard per household-day. */
  deregistrationPerDay: Float64Array;
  /** Per category: the fallback order (category indices). */
  fallback: number[][];
  /** Per category: GBP per placement-day, inflation included. */
  costPerDay: Float64Array;
  /** Per category: inflation factor of the month, for block costs. */
  inflation: Float64Array;
  /** Per lever-cost label: GBP per day of services (ramp share and inflation included). */
  serviceCostPerDay: Float64Array;
  /**
   * Per category: [lever-cost label, GBP per household-day] pairs charged on every approved household
   * (ramp share and inflation included).
   */
  householdCostPerDay: number[][];
  /**
   * Per category: [lever-cost label or -1, GBP per household approved] pairs, one per recruitment source
   * of `recruitment` in the same order (inflation included).
   */
  recruitmentCost: number[][];
}

export interface CompiledCapacityEvent {
  day: number;
  category: number;
  change: number;
  /** Block cost in GBP per day before inflation. */
  blockPerDay: number;
  /** Change in block beds whose children are charged no placement cost (the block cost covers them). */
  blockBeds: number;
}

export interface CompiledDurationCap {
  category: number;
  afterDays: number;
  probability: number;
  /** Target code (category or EXIT_TARGET_OFFSET + exit reason). */
  target: number;
  /** Bit b set: applies to age band b. */
  ageMask: number;
  fromDay: number;
  untilDay: number;
}

export interface CompiledInitialCell {
  category: number;
  ageBand: number;
  count: number;
  /** -1: unknown duration. */
  durationBand: number;
  /** Age in whole years on the start date within the band; -1: ages spread over the whole band. */
  ageYears: number;
  uasc: boolean;
}

export interface CompiledInitialChild {
  category: number;
  ageDays: number;
  daysInCare: number;
  daysInPlacement: number;
  uasc: boolean;
  /** -1: drawn. */
  route: number;
  /** 0 male, 1 female, -1 drawn. */
  sex: number;
  /** 0/1, -1 drawn. */
  outOfArea: number;
}

export interface CompiledModel {
  warnings: string[];
  startDay: number;
  /** Last simulated day, inclusive. */
  endDay: number;
  /** Month-end days; each stock is taken at the end of that day. */
  snapshotDays: number[];
  /** ISO dates of the outputs: start, then each month end. */
  dates: string[];
  /** Lower bounds (days in care) of duration bands after the first. */
  durationBoundsDays: number[];
  durationBandCount: number;
  /** Per category: 0 unlimited, 1 beds, 2 households. */
  capacityKind: number[];
  /** Per category: beds, or extra beds on top of household places (raised to the initial occupancy). */
  initialBeds: number[];
  initialHouseholds: number[];
  placesPerHousehold: number[];
  initialBlockPerDay: number[];
  /** Per category: block beds on the start day whose children are charged no placement cost. */
  initialBlockBeds: number[];
  capacityEvents: CompiledCapacityEvent[];
  lastResort: number;
  waitForPreferred: boolean;
  /** Per category: chance that one vacant place suits a child (each place independently). */
  matchProbability: number[];
  /** Per need (categories 0..9, then types of care): provider categories in order. */
  providers: number[][];
  /** Per need: 1 when a child placed with a later provider waits for the first. */
  stepAcross: number[];
  /** Per need: hazard per child-day of a child with a later provider looking again for the first (0: none). */
  stepAcrossPerDay: number[];
  outOfAreaProbability: number[];
  /** Weights of exit reasons at 18 (by exit reason index). */
  ageOutWeights: number[];
  maleShare: number;
  uascMaleShare: number;
  /** Per age band: route weights (initial population routes). */
  routeWeights: number[][];
  /**
   * [uasc][ageBand]: weights by category of the first placement without capacity (a type of care on its
   * first provider), as the expected-value projection reads them.
   */
  firstPlacement: number[][][];
  /** [uasc][ageBand]: weights of the first need (category or type of care), as the simulation draws it. */
  firstNeed: number[][][];
  initialCells: CompiledInitialCell[];
  initialChildren: CompiledInitialChild[];
  hazardTables: HazardTable[];
  epochs: Epoch[];
  durationCaps: CompiledDurationCap[];
  /** Categories of the `lever_cost` series (lever labels), in the order the modifiers name them; empty: no series. */
  leverCostLabels: string[];
  /** Moves that can happen, as [from, to] category indices, in category order. */
  moveKeys: [number, number][];
  /** Care leavers, or null when the parameters have none. */
  careLeavers: CompiledCareLeavers | null;
}

/** Care-leaver parameters in force from `day` until the next step (month starts and lever days). */
export interface CareLeaverStep {
  day: number;
  /** Per staying-put category (in-house, IFA): probability of staying put at 18, or -1 for `ageOut` unchanged. */
  takeUp: number[];
  /** Per staying-put category: move-on hazard per person-day. */
  moveOnPerDay: number[];
  /** Per accommodation state: places (Infinity: unlimited). */
  places: number[];
  /** Per accommodation state: GBP per person-day, inflation included. */
  costPerDay: number[];
}

/** Care leavers compiled (accommodation states by index of `ACCOMMODATIONS`). */
export interface CompiledCareLeavers {
  endAgeYears: number;
  /** Per exit reason: 1 when leaving care for it at 16 or 17 makes a care leaver. */
  qualifying: number[];
  /** [age group][state]: shares of every state (summing to 1). */
  mix: number[][];
  /** [age group][state]: where a young person goes at 18 or moving on from staying put (no staying-put states). */
  moveOnShares: number[][];
  /** [age group][from * ACCOMMODATION_COUNT + to]: move hazards per person-day between states other than staying put. */
  movePerDay: number[][];
  /** Steps of levers and inflation, the first on the start day. */
  steps: CareLeaverStep[];
  /** Care leavers on the start date: [age in years, state, count]. */
  initial: [number, number, number][];
  /** 1 when staying put with an in-house carer holds one of a household's places (in-house foster care has households). */
  holdsPlaces: boolean;
}
