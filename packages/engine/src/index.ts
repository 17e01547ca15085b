// The public surface of @carecast/engine: the care model's ids and units, its parameters, running it
// (Monte Carlo and expected value) and its results. Compiling and running single replications is in
// `@carecast/engine/advanced`; the general discrete-event kernel in `@carecast/engine/kernel`.

// Ids, age bands and eligibility.
export {
  AGE_OUT_REASONS,
  ENTRY_ROUTES,
  EXIT_REASONS,
  PLACEMENT_CATEGORIES,
  categoryIndex,
  exitReasonIndex,
  isExitReason,
  isPlacementCategory,
  type AgeOutReason,
  type EntryRoute,
  type ExitReason,
  type PlacementCategory,
} from './model/domain/ids.js';
export { AGE_BANDS, AGE_BAND_START_YEARS, CARE_LEAVING_AGE_YEARS, ageBandIndex, isAgeBand, type AgeBand } from './model/domain/age-bands.js';
export { DEFAULT_PROVIDERS, TYPES_OF_CARE, isTypeOfCare, type TypeOfCare } from './model/domain/types-of-care.js';
export { SIXTEEN_PLUS_ONLY, SUPPORTED_FROM_AGE_YEARS } from './model/domain/eligibility.js';
export {
  ACCOMMODATIONS,
  CARE_LEAVER_AGES,
  DEFAULT_ACCOMMODATION_MIX,
  DEFAULT_END_AGE_YEARS,
  MAX_END_AGE_YEARS,
  MIN_END_AGE_YEARS,
  STAYING_PUT_CATEGORIES,
  defaultCareLeaversPerAge,
  isAccommodation,
  type Accommodation,
  type CareLeaverAge,
  type StayingPutCategory,
} from './model/domain/care-leavers.js';

// Days and dates.
export { DAYS_PER_YEAR, addMonths, dayToIso, isIsoDate, isoToDay, monthEnds } from './model/dates.js';
export { civilFromDay, dayFromCivil } from './model/calendar.js';

// Parameters.
export type {
  BedCapacity,
  CapacityModifier,
  CapacitySpec,
  CostModifier,
  CostParameters,
  DirichletPosterior,
  DurationCapModifier,
  Effect,
  EntriesModifier,
  EntryParameters,
  FallbackModifier,
  GammaPosterior,
  HazardModifier,
  HouseholdCapacity,
  InitialChild,
  InitialPopulation,
  ModelParameters,
  Modifier,
  ModifierWindow,
  ParameterUncertainty,
  PopulationCell,
  RecruitmentModifier,
  RetentionModifier,
  ServiceCostModifier,
  SupplyParameters,
  TransitionParameters,
  TransitionRate,
  TransitionTarget,
  TypeOfCareSpec,
  UascParameters,
} from './model/parameters.js';
export type {
  CareLeaverAccommodationModifier,
  CareLeaverModifier,
  CareLeaverParameters,
  StayingPutModifier,
  StayingPutParameters,
} from './model/care-leaver-parameters.js';
export { ParameterError } from './model/parameter-error.js';
export { hasParameterUncertainty, withoutParameterUncertainty } from './model/uncertainty.js';

// Running the model.
export { simulate, simulateInto, simulateSummary } from './montecarlo/simulate.js';
export { RunColumns } from './montecarlo/run-columns.js';
export type { ReplicationSeries } from './montecarlo/assemble.js';
export { prepareWorkers } from './montecarlo/prepare-workers.js';
export { KEEP_REPLICATIONS_BYTES, type ReplicationSink, type SummarisedRun } from './montecarlo/summary-accumulator.js';
export { CONTINUOUS_BUCKET_WIDTH } from './results/streaming-statistics.js';
export { estimateRun, MAX_EVENTS_PER_REPLICATION, type RunEstimate } from './montecarlo/budget.js';
export type { SimulateOptions, SimulationRun } from './montecarlo/types.js';
export { projectExpected, type ExpectedValueOptions } from './expected-value/project-expected.js';
export { expectedValueWarnings } from './expected-value/not-modelled.js';
export { RandomStream } from './random/random-stream.js';

// Results.
export { FLOW_METRICS, STOCK_METRICS, type FlowMetric, type Metric, type Results, type SeriesRow, type StockMetric } from './results/types.js';
export { summarise, summariseDifference, type SummariseOptions } from './results/summarise.js';
export { headlineDifferences, type HeadlineDifference } from './results/differences.js';
export { toResults, type ResultsMeta } from './results/to-results.js';
export { resultsToCsv, formatCsvNumber, CSV_COLUMNS } from './results/csv.js';
