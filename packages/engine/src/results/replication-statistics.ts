import { quantileSorted } from 'd3-array';
import { studentTQuantile } from './student-t.js';

/** Mean, quantiles and Student-t 95% interval of one value over replications. */
export interface ReplicationStatistics {
  mean: number;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  ci95_low: number;
  ci95_high: number;
}

/**
 * Statistics of `values` (one per replication, in replication order). The mean is the sum in
 * replication order divided by R, so means of conserved quantities conserve up to rounding. Quantiles
 * are d3-array's `quantileSorted`, the R-7 / Excel PERCENTILE.INC definition: linear interpolation
 * at position (R - 1) p of the sorted values. The interval is mean ± t(0.975, R-1) s / √R with the
 * sample standard deviation s; with one replication it collapses to the mean.
 */
export function replicationStatistics(values: ArrayLike<number>, scratch?: Float64Array): ReplicationStatistics {
  const n = values.length;
  if (n === 0) throw new RangeError('replicationStatistics: no replications');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  const sorted = scratch && scratch.length === n ? scratch : new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = values[i]!;
  sorted.sort();
  let halfWidth = 0;
  if (n > 1) {
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = values[i]! - mean;
      ss += d * d;
    }
    halfWidth = (studentTQuantile(0.975, n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
  }
  // d3's types ask for an array, but quantileSorted only indexes and reads `length`.
  const asArray = sorted as unknown as number[];
  return {
    mean,
    p05: quantileSorted(asArray, 0.05)!,
    p25: quantileSorted(asArray, 0.25)!,
    p50: quantileSorted(asArray, 0.5)!,
    p75: quantileSorted(asArray, 0.75)!,
    p95: quantileSorted(asArray, 0.95)!,
    ci95_low: mean - halfWidth,
    ci95_high: mean + halfWidth,
  };
}
