// The single-replication model that Monte Carlo runs, in one place for simulate() and its worker.
export { compileModel } from '../model/compile/compile-model.js';
export { runReplication } from '../model/sim/replication.js';
