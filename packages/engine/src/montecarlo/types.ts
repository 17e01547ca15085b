import type { CompiledModel } from '../model/compiled-model.js';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Seed of every random stream; the same seed gives byte-identical results. */
  seed: number;
  /** Number of replications (>= 1). */
  replications: number;
  /**
   * Worker threads; 1 runs in this thread under Node, and on one Web Worker in a browser (a page's own
   * thread never runs a whole run). Results do not depend on it.
   * __Default value:__ adaptive: this thread times its first replications and starts up to
   * os.availableParallelism() - 1 workers beside it only when the rest of the run is worth their start-up
   */
  workers?: number;
  /** Called after each finished replication with the count done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Stops the run: `simulate` rejects with the signal's reason as soon as it sees the abort (between
   * replications in this thread; at once for worker threads, which are terminated).
   */
  signal?: AbortSignal;
  /**
   * The model `compileModel(params)` returned for these same parameters, when the caller has it (a
   * checked scenario does), so this thread need not compile them again. __Default value:__ compiled here
   */
  model?: CompiledModel;
}

/** Every replication's series of one scenario, in replication order. */
export interface SimulationRun {
  /** ISO dates: index 0 = start (initial stock), then each month end. */
  dates: string[];
  seed: number;
  replications: number;
  /** Union of the replications' `metric|category` keys, ordered as rows are written. */
  keys: string[];
  /** Key -> one series per replication (index = replication); zeros where a replication lacked the key. */
  values: Map<string, Float64Array[]>;
  /** Events fired, summed over replications. */
  eventsFired: number;
  /** Warnings from compiling the model (e.g. capacity raised to the initial occupancy). */
  warnings: string[];
}
