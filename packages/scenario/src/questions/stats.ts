import { replicationStatistics, type ReplicationStatistics } from '@carecast/engine/advanced';

/** Mean, 5-95% range of outcomes and Student-t 95% interval of the mean of one value over replications. */
export function overReplications(values: Float64Array): ReplicationStatistics {
  return replicationStatistics(values);
}

/** Wilson 95% interval of a proportion `k / n` (n > 0). */
export function wilson95(k: number, n: number): { low: number; high: number } {
  const z = 1.959963984540054;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Weighted least-squares monotone fit (pool adjacent violators): the non-decreasing (or, with
 * `increasing` false, non-increasing) sequence closest to `y` with weights `w`.
 */
export function monotoneFit(y: readonly number[], w: readonly number[], increasing: boolean): number[] {
  const sign = increasing ? 1 : -1;
  const blocks: { value: number; weight: number; count: number }[] = [];
  for (let i = 0; i < y.length; i++) {
    blocks.push({ value: sign * y[i]!, weight: w[i]!, count: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.value > blocks[blocks.length - 1]!.value) {
      const b = blocks.pop()!;
      const a = blocks[blocks.length - 1]!;
      const weight = a.weight + b.weight;
      a.value = (a.value * a.weight + b.value * b.weight) / weight;
      a.weight = weight;
      a.count += b.count;
    }
  }
  return blocks.flatMap((b) => Array.from({ length: b.count }, () => sign * b.value));
}
