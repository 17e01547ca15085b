export type { ScenarioFile } from './file/scenario-file.js';
export type {
  ModelSection,
  InitialPopulationSection,
  PopulationCellSection,
  InitialChildSection,
  EntriesSection,
  UascSection,
  TransitionTargetSection,
  TransitionRateSection,
  TransitionsSection,
  BedCapacitySection,
  HouseholdCapacitySection,
  TypeOfCareSection,
  CapacitySection,
  SupplySection,
  CostsSection,
} from './file/model-section.js';
export type { CareLeaversSection, AccommodationId, CareLeaverAgeId } from './file/care-leavers-section.js';
export type { StayingPutLever, CareLeaverAccommodationLever } from './file/care-leaver-levers.js';
export type {
  LeverWindow,
  EntryFilter,
  ReduceEntriesLever,
  ChangeEntriesLever,
  UascArrivalsLever,
  RecruitFosterCarersLever,
  RetainFosterCarersLever,
  AddCapacityLever,
  RemoveCapacityLever,
  ScaleTransitionLever,
  DurationCapLever,
  ChangeCostLever,
  FallbackOrderLever,
  Lever,
  LeverName,
} from './file/levers.js';
export type {
  IsoDate,
  Percentage,
  RatePerYear,
  HazardPerYear,
  MoneyPerWeek,
  Duration,
  Days,
  Months,
} from './file/units.js';
export { LEVER_NAMES } from './file/levers.js';
export type { Scenario } from './scenario.js';
export { ScenarioError, formatIssue, formatPath, type Issue, type DocPath } from './errors.js';
export { loadScenario, deepMerge, type LoadedScenario, type LoadOptions } from './load/load-scenario.js';
export { compileScenarioFile, type CompiledScenarioFile } from './load/compile-file.js';
export { scenarioSchema } from './load/schema.js';
export {
  compileScenario,
  horizonEnd,
  scenarioPathOf,
  DEFAULT_REPLICATIONS,
  DEFAULT_SEED,
  type CompiledScenario,
} from './compile/compile-scenario.js';
export type { ModifierOrigin } from './compile/levers.js';
export { defineScenario, scenario, ScenarioBuilder } from './define.js';
export { closest, didYouMean } from './did-you-mean.js';
