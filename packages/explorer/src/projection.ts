import type { ModelParameters, SeriesRow } from '@carecast/engine';
import ProjectionWorker from './projection-worker.ts?worker&inline';
import { wallNow, type ProjectionReply } from './preview-rows.js';

/** Where a projection's time went: the request's message to the worker (sent, waited for, read), the worker's projection and rows, its answer's message back to the page (milliseconds). */
export interface ProjectionTimes {
  toWorkerMs: number;
  workerMs: number;
  backMs: number;
}

/** What a projection gives the preview: its rows and where its time went, the engine's refusal of the parameters, or nothing (a newer request took its place). */
export type Projected = { rows: SeriesRow[]; times: ProjectionTimes } | { refused: true } | undefined;

/**
 * The preview's workers. With more than one, a change made while one still projects an older change (a
 * value typed digit by digit, a control moved again) starts at once on another, already warm. Two were
 * tried: on a 2-core machine the two projections then share the CPU, and in the bench a second change
 * typed 50 ms after a first took 304 ms to its charts against 202 ms with one worker (it waits for the
 * first's end, then runs alone), and single changes were no quicker. So one, the newest change waiting.
 */
const WORKERS = 1;

interface Job {
  id: number;
  /** When its request was posted (wallNow). */
  postedAt: number;
  resolve: (p: Projected) => void;
  reject: (e: Error) => void;
}

/** A worker and the request it is running. */
interface Slot {
  worker: Worker;
  running: Job | undefined;
}

const slots: Slot[] = [];
let lastId = 0;
/** The newest request waiting for a worker (an older one waiting is replaced, resolving to undefined). */
let waiting: { params: ModelParameters; resolve: (p: Projected) => void; reject: (e: Error) => void } | undefined;

function started(): Slot {
  const slot: Slot = { worker: new ProjectionWorker(), running: undefined };
  slot.worker.onmessage = (event: MessageEvent<ProjectionReply>) => {
    const reply = event.data;
    const done = slot.running;
    if (done?.id !== reply.id) return;
    slot.running = undefined;
    if (reply.ok) done.resolve({ rows: reply.rows, times: { toWorkerMs: reply.takenAt - done.postedAt, workerMs: reply.answeredAt - reply.takenAt, backMs: wallNow() - reply.answeredAt } });
    else if (reply.parameterError) done.resolve({ refused: true });
    else done.reject(new Error(`the projection failed: ${reply.message}`));
    next();
  };
  slot.worker.onerror = (event) => {
    event.preventDefault();
    const failed = slot.running;
    slot.running = undefined;
    failed?.reject(new Error(`the projection worker failed: ${event.message}`));
    next();
  };
  slots.push(slot);
  return slot;
}

/** An idle worker (started if fewer than WORKERS run), or none. */
const idleSlot = (): Slot | undefined => slots.find((s) => s.running === undefined) ?? (slots.length < WORKERS ? started() : undefined);

function run(slot: Slot, params: ModelParameters, resolve: (p: Projected) => void, reject: (e: Error) => void): void {
  slot.running = { id: ++lastId, postedAt: wallNow(), resolve, reject };
  slot.worker.postMessage({ id: slot.running.id, params });
}

function next(): void {
  if (!waiting) return;
  const slot = idleSlot();
  if (!slot) return;
  const { params, resolve, reject } = waiting;
  waiting = undefined;
  run(slot, params, resolve, reject);
}

/**
 * The expected-value projection of `params` in one of the preview's Web Workers (the engine's
 * projectExpected, which makes the engine's parameter checks). A request starts on an idle worker; with
 * both busy it waits, and a newer one replaces it (the replaced one resolves to undefined), so fast
 * edits never queue.
 */
export function projectInWorker(params: ModelParameters): Promise<Projected> {
  return new Promise<Projected>((resolve, reject) => {
    waiting?.resolve(undefined);
    waiting = { params, resolve, reject };
    next();
  });
}

/**
 * Starts the preview's workers and has each project `params` `times` times (results dropped), so their
 * code is loaded and compiled by V8's optimising tiers before the first change. A worker stops warming
 * when a change is waiting for it.
 */
export async function warmProjectionWorkers(params: ModelParameters, times: number): Promise<void> {
  while (slots.length < WORKERS) started();
  await Promise.all(
    slots.map(async (slot) => {
      for (let i = 0; i < times && slot.running === undefined && waiting === undefined; i++) {
        await new Promise<Projected>((resolve, reject) => run(slot, params, resolve, reject)).catch(() => undefined);
        next();
      }
    }),
  );
}
