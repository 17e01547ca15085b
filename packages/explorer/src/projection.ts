import type { ModelParameters, SeriesRow } from '@carecast/engine';
import ProjectionWorker from './projection-worker.ts?worker&inline';
import type { ProjectionReply } from './preview-rows.js';

/** What a projection gives the preview: its rows and the worker's milliseconds on them, the engine's refusal of the parameters, or nothing (a newer request took its place). */
export type Projected = { rows: SeriesRow[]; workerMs: number } | { refused: true } | undefined;

let worker: Worker | undefined;
let lastId = 0;
/** The request the worker is running, and the one waiting for it (only the newest waits). */
let running: { id: number; resolve: (p: Projected) => void; reject: (e: Error) => void } | undefined;
let waiting: { params: ModelParameters; resolve: (p: Projected) => void; reject: (e: Error) => void } | undefined;

function started(): Worker {
  const w = new ProjectionWorker();
  w.onmessage = (event: MessageEvent<ProjectionReply>) => {
    const reply = event.data;
    const done = running;
    if (done?.id !== reply.id) return;
    running = undefined;
    if (reply.ok) done.resolve({ rows: reply.rows, workerMs: reply.workerMs });
    else if (reply.parameterError) done.resolve({ refused: true });
    else done.reject(new Error(`the projection failed: ${reply.message}`));
    next();
  };
  w.onerror = (event) => {
    event.preventDefault();
    const failed = running;
    running = undefined;
    failed?.reject(new Error(`the projection worker failed: ${event.message}`));
    next();
  };
  return w;
}

function next(): void {
  if (running || !waiting) return;
  const { params, resolve, reject } = waiting;
  waiting = undefined;
  running = { id: ++lastId, resolve, reject };
  worker ??= started();
  worker.postMessage({ id: running.id, params });
}

/**
 * The expected-value projection of `params` in the preview's Web Worker (the engine's projectExpected,
 * which makes the engine's parameter checks). Requests run one at a time; one made while another runs
 * waits, and a newer one replaces it (the replaced one resolves to undefined), so fast edits never queue.
 */
export function projectInWorker(params: ModelParameters): Promise<Projected> {
  return new Promise<Projected>((resolve, reject) => {
    waiting?.resolve(undefined);
    waiting = { params, resolve, reject };
    next();
  });
}
