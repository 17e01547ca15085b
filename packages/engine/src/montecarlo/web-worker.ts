// Web Worker of `simulate` in a browser, kept between runs (see platform-web.ts): takes tasks one after
// another, building the model once per parameter set (the last two sets: a comparison's two scenarios) (ahead of the run when asked to prepare) and
// keeping it for the next task on the same set. Typed without the DOM library, which the engine does
// not compile against.
import type { CompiledModel } from '../model/compiled-model.js';
import type { ModelParameters } from '../model/parameters.js';
import { compileModel, runReplication } from './model-api.js';
import { runWorkerTask } from './worker-body.js';
import type { WorkerTask } from './worker-protocol.js';
import { holdSet, type WebWorkerRequest } from './web-worker-protocol.js';

interface WorkerScope {
  onmessage: ((event: { data: WebWorkerRequest }) => void) | null;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

/** The parameter sets this worker holds (at most HELD_SETS, oldest first), with their models once built. */
const held = new Map<number, { params: ModelParameters; model?: CompiledModel }>();

function modelOf(id: number): CompiledModel {
  const set = held.get(id);
  if (set === undefined) throw new Error(`the worker does not hold parameter set ${id}`);
  return (set.model ??= compileModel(set.params));
}

/** Replications run (and dropped) on a worker's first prepare, to warm its JIT. */
const WARM_UP_REPLICATIONS = 10;
let warmUps = 0;

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  const msg = event.data;
  const params = msg.type === 'prepare' ? msg.params : msg.task.params;
  if (params !== undefined || held.has(msg.paramsId)) holdSet(held, msg.paramsId, { params: params! });
  if (msg.type === 'prepare') {
    try {
      const model = modelOf(msg.paramsId);
      // A fresh worker's first replications run on a cold JIT at several times the later speed: run a
      // few now, before the run (replications are functions of seed and index alone: nothing carries over).
      for (; warmUps < WARM_UP_REPLICATIONS; warmUps++) runReplication(model, 0, warmUps);
    } catch {
      // A refused set is reported by the task that runs it (simulate has refused it on the page first).
    }
    return;
  }
  runWorkerTask(msg.task as WorkerTask, (m, transfer) => scope.postMessage(m, transfer ?? []), () => modelOf(msg.paramsId));
};
