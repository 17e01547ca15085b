import type { ModelParameters } from '../model/parameters.js';
import type { ReplicationSeries } from './assemble.js';

/** What a worker is asked to run: replications [from, to) of the model built from `params`. */
export interface ChunkTask {
  params: ModelParameters;
  seed: number;
  from: number;
  to: number;
}

/**
 * What a worker of a shared run does: claims replication indices one at a time from `next` (an Int32
 * counter shared with the main thread and the other workers) until they reach `total`.
 */
export interface SharedTask {
  params: ModelParameters;
  seed: number;
  total: number;
  next: SharedArrayBuffer;
}

export type WorkerTask = ChunkTask | SharedTask;

/** One finished replication; `values` holds the series of `keys` one after another, `dates.length` each. */
export interface ReplicationMessage {
  type: 'replication';
  replication: number;
  dates: string[];
  keys: string[];
  values: Float64Array;
  eventsFired: number;
}

export type WorkerMessage =
  | ReplicationMessage
  | { type: 'ready' }
  | { type: 'done' }
  | { type: 'error'; replication?: number; message: string; stack?: string };

/** Packs a replication's series into one buffer, so it crosses threads by transfer, not by copy. */
export function packReplication(replication: number, out: ReplicationSeries): ReplicationMessage {
  const keys = Object.keys(out.series);
  const n = out.dates.length;
  const values = new Float64Array(keys.length * n);
  keys.forEach((key, i) => values.set(out.series[key]!.subarray(0, n), i * n));
  return { type: 'replication', replication, dates: out.dates, keys, values, eventsFired: out.eventsFired };
}

/** The replication's series as views into the transferred buffer. */
export function unpackReplication(msg: ReplicationMessage): ReplicationSeries {
  const n = msg.dates.length;
  const series: Record<string, Float64Array> = {};
  msg.keys.forEach((key, i) => {
    series[key] = msg.values.subarray(i * n, (i + 1) * n);
  });
  return { dates: msg.dates, series, eventsFired: msg.eventsFired };
}
