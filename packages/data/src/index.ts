export { DataError, type Place } from './read/errors.js';
export {
  DataQuality,
  DROP_REASONS,
  droppedRows,
  type DataQualitySummary,
  type IssueKind,
  type IssueSummary,
  type ExclusionKind,
  type DropReason,
  type ReturnAccount,
} from './read/quality.js';
export { collectionYearOf } from './read/return-years.js';
export { EpisodeStore } from './read/episode-store.js';
export { FileDates, type DateOrder } from './read/file-dates.js';
export { isSmall, shownSum, WITHHELD, shownText, type Shown } from './disclose/suppress.js';
export { shareableBacktest, withheldCategories, type ShareableBacktestRow, type ShareableErrorSummary } from './disclose/backtest.js';
export { summariseReturns, SpellTally, type ReturnSummary, type SpellRange } from './quality/return-summary.js';
export { shareableReturns, shareableIssues, warningBand, type ShareableReturn } from './quality/shareable.js';
export { qualityPageHtml, type QualityPageInput } from './quality/page.js';
export { qualityTable } from './quality/text.js';
export { dataProblems, MAX_DROPPED_SHARE } from './quality/checks.js';
export { parseSsdaDate } from './read/dates.js';
export { readSsda903, findSsda903Files } from './read/node-files.js';
export { readSsda903Texts, type TextFile } from './read/text-files.js';
export { careLeaverMixFromOc3, type Oc3Counts, type CareLeaverMix } from './read/oc3.js';
export { findOc3Files, oc3FileAt, readOc3, readOc3Files } from './read/oc3-files.js';
export { isOc3FileName, oc3Problems, type Oc3File, type Oc3Read } from './read/oc3-tables.js';
export { synthesizeOc3, scenarioAccommodationMix, scenarioCareLeaversPerAge } from './synth/write-oc3.js';
export { fitCareLeavers, fitCareLeaversForLa, careLeaversSection, OC3_MIN_YOUNG_PEOPLE, type AuthorityCareLeavers, type CareLeaverFit } from './calibrate/care-leaver-fit.js';
export { careLeaverText } from './calibrate/care-leaver-text.js';
export {
  readSsda903Tables,
  yearFromName,
  type RawReturn,
  type RawChild,
  type RawEpisode,
  type Ssda903Files,
} from './read/ssda903.js';
export { mapPlacement, mapReason, entryRoute, type PlaceMapping } from './clean/codes.js';
export { buildSpells, eachSpell, type CareSpell, type PlacementPeriod, type SpellOptions } from './clean/spells.js';
export {
  calibrate,
  UASC_MIN_CHILD_YEARS,
  type CalibrateOptions,
  type CalibrationResult,
  type CalibrationEvidence,
  type RateEvidence,
  type PriorEvidence,
  type EntryEvidence,
} from './calibrate/calibrate.js';
export { fitGammaPrior, posteriorRate, type GammaPrior } from './calibrate/shrink.js';
export { supplyTemplate, costTemplate } from './calibrate/template.js';
export { parseSupplyFile, supplyFromFile, type SupplyFile } from './calibrate/supply-file.js';
export {
  fitMatchProbability,
  reproduceWindow,
  windowParameters,
  type SupplyFit,
  type FitOptions,
  type Reproduction,
  type ReproductionRow,
} from './calibrate/supply-fit.js';
export {
  MarchStocks,
  marchDates,
  reproduceMarches,
  type MarchStock,
  type ReproductionCell,
  type ReproductionCheck,
} from './calibrate/reproduction-check.js';
export { writeSsda903, toSsda903Rows, collectionYears } from './synth/write-ssda903.js';
export type { SimRecords } from './synth/records.js';
export { toScenarioYaml, shownCount, type ScenarioYamlOptions } from './calibrate/scenario-yaml.js';
export { synthesize, synthesizeRecords, synthesisParameters, type SynthesizeOptions } from './synth/synthesize.js';
export { evidenceForOutput } from './calibrate/evidence-output.js';
export {
  backtest,
  stockOn,
  summariseErrors,
  type BacktestOptions,
  type BacktestRow,
  type BacktestSeriesRow,
  type BacktestErrorSummary,
  type BacktestResult,
} from './calibrate/backtest.js';
export {
  rollingBacktest,
  rollingOrigins,
  returnsCoverage,
  checkRollingOptions,
  summariseRolling,
  tooLittleData,
  DEFAULT_HORIZONS_MONTHS,
  DEFAULT_REFERENCE_YEARS,
  type RollingBacktestOptions,
  type RollingBacktestResult,
  type RollingOrigin,
  type RollingRow,
  type RollingSeriesRow,
  type RollingSummary,
} from './calibrate/rolling-backtest.js';
export { shareableRolling, type ShareableRollingRow, type ShareableRollingSummary } from './disclose/rolling.js';
export { locateInputs, type InputSelection } from './read/inputs.js';
