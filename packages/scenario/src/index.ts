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
  GammaSection,
  RouteConcentrations,
  PlacementConcentrations,
  SexConcentrations,
  Concentration,
  UncertaintySection,
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
  ServiceCostLever,
  Lever,
  LeverName,
} from './file/levers.js';
export type {
  IsoDate,
  Percentage,
  RatePerYear,
  HazardPerYear,
  MoneyPerWeek,
  MoneyPerHousehold,
  MoneyPerHouseholdYear,
  MoneyPerYear,
  Duration,
  Days,
  Months,
} from './file/units.js';
export { LEVER_NAMES } from './file/levers.js';
export type { Scenario } from './scenario.js';
export { ScenarioError, formatIssue, formatPath, type Issue, type DocPath } from './errors.js';
export { deepMerge, type LoadedScenario, type LoadOptions } from './load/load-scenario.js';
export { loadScenario, compileScenarioFile } from './load/node-host.js';
export { compileScenarioText, type TextOptions } from './load/text-host.js';
export type { CompiledScenarioFile } from './load/compile-file.js';
export { scenarioSchema } from './load/schema-file.js';
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
export { checkedModel, compileLoaded } from './load/compile-file.js';
export { seek, seekSentence, type SeekQuestion, type SeekResult, type SeekPoint } from './questions/seek.js';
export { sweep, DEFAULT_SWEEP_MEASURES, type SweepQuestion, type SweepAxis, type SweepResult, type SweepRow } from './questions/sweep.js';
export { parseTarget, type Target } from './questions/target.js';
export { parseMeasure, MEASURE_NAMES, type Measure } from './questions/measure.js';
export { findLeverSetting, type LeverSetting, type SettingUnit } from './questions/lever-setting.js';
export { QuestionError } from './questions/question-error.js';
export type { QuestionRunOptions } from './questions/evaluate.js';
export { fileQuestions, placeQuestionError, type FileQuestion } from './questions/from-file.js';
export type { QuestionSection, SeekQuestionSection, SweepQuestionSection, SweepAxisSection } from './file/questions.js';
