// The single-replication model that Monte Carlo runs, in one place for simulate() and its worker: each
// replication runs on its own draw of the rates when the parameters state their uncertainty.
import type { CompiledModel } from '../model/compiled-model.js';
import { replicationModel } from '../model/compile/posterior-draws.js';
import { runReplication as runOne } from '../model/sim/replication.js';
import type { ReplicationOutput } from '../model/sim/replication-output.js';

export { compileModel } from '../model/compile/compile-model.js';

/** One replication; with parameter uncertainty, on rates drawn for this replication from their posteriors. */
export function runReplication(model: CompiledModel, seed: number, replication: number): ReplicationOutput {
  return runOne(replicationModel(model, seed, replication), seed, replication);
}
