// @carecast/data/browser: reading returns from files without a file system (a browser's dropped files),
// cleaning and calibration; nothing here imports Node. The package's main entry adds the disk paths.
export { DataError, type Place } from './read/errors.js';
export type { DataQualitySummary, IssueSummary } from './read/quality.js';
export { readOc3Texts, readSsda903Texts, type TextFile } from './read/text-files.js';
export { oc3Problems, type Oc3File, type Oc3Read } from './read/oc3-tables.js';
export type { RawReturn } from './read/ssda903.js';
export { eachSpell, type SpellOptions } from './clean/spells.js';
export { SpellTally, type ReturnSummary, type SpellRange } from './quality/return-summary.js';
export { qualityPageHtml, type QualityPageInput } from './quality/page.js';
export { qualityTable } from './quality/text.js';
export { dataProblems, MAX_DROPPED_SHARE } from './quality/checks.js';
export { calibrate, type CalibrateOptions, type CalibrationResult } from './calibrate/calibrate.js';
export { toScenarioYaml, type ScenarioYamlOptions } from './calibrate/scenario-yaml.js';
export { fitCareLeavers, type CareLeaverFit } from './calibrate/care-leaver-fit.js';
export { careLeaverText } from './calibrate/care-leaver-text.js';
export { collectionYears } from './synth/collection-years.js';
