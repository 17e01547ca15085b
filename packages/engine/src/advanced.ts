// @carecast/engine/advanced: the care model one step below `simulate`, for tools that need a single
// replication's individual records (the synthetic-data generator) or a compiled model's tables (an
// independent check of the engine). CompiledModel's layout may change between minor versions.
export { compileModel } from './model/compile/compile-model.js';
export { runReplication } from './model/sim/replication.js';
export type { ReplicationOutput, ReplicationOptions, EpisodeRecord, ChildRecord } from './model/sim/replication-output.js';
export type { CompiledModel } from './model/compiled-model.js';
// Domain rules that code outside the engine (calibration, synthetic data) applies to the same cells.
export { AGE_BAND_END_YEARS, AGE_BAND_START_DAYS, CARE_LEAVING_AGE_DAYS, ageBandOn } from './model/domain/age-bands.js';
export { hazardCell, entryCell } from './model/domain/cells.js';
export { isOpenToBand } from './model/domain/eligibility.js';
export { INITIAL_TIME_IN_CARE_SPREAD_DAYS, drawInitialDaysInCare } from './model/domain/initial-time-in-care.js';
export { replicationStatistics, type ReplicationStatistics } from './results/replication-statistics.js';
export { studentTQuantile } from './results/student-t.js';
export { POSTERIOR_STREAMS, drawDirichlet, drawGamma, replicationModel } from './model/compile/posterior-draws.js';
export { gammaVariate } from './random/gamma.js';
