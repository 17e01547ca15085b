import { compareSeriesKeys, parseSeriesKey } from '../results/series-keys.js';
import type { SimulationRun } from './types.js';

/** The part of a replication's output that Monte Carlo aggregates. */
export interface ReplicationSeries {
  dates: string[];
  series: Record<string, Float64Array>;
  eventsFired: number;
}

/**
 * Gathers replication outputs (index = replication) into a run: the union of keys in row order,
 * zero series where a replication never recorded a key, events summed in replication order.
 */
export function assembleRun(outputs: readonly ReplicationSeries[], seed: number, warnings: string[]): SimulationRun {
  const first = outputs[0];
  if (!first) throw new RangeError('assembleRun: no replications');
  const dates = first.dates;
  const keySet = new Set<string>();
  let eventsFired = 0;
  outputs.forEach((out, r) => {
    if (out.dates.length !== dates.length || out.dates.some((d, i) => d !== dates[i])) {
      throw new Error(`replication ${r} has dates ${out.dates[0]}..${out.dates.at(-1)} unlike replication 0`);
    }
    for (const key of Object.keys(out.series)) keySet.add(key);
    eventsFired += out.eventsFired;
  });
  for (const key of keySet) parseSeriesKey(key);
  const keys = [...keySet].sort(compareSeriesKeys);
  const values = new Map<string, Float64Array[]>();
  for (const key of keys) {
    values.set(
      key,
      outputs.map((out, r) => {
        const s = out.series[key];
        if (!s) return new Float64Array(dates.length);
        if (s.length !== dates.length) {
          throw new Error(`replication ${r}: series "${key}" has ${s.length} values for ${dates.length} dates`);
        }
        return s;
      }),
    );
  }
  return { dates: [...dates], seed, replications: outputs.length, keys, values, eventsFired, warnings };
}
