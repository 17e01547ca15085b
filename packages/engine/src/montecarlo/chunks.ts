/** A contiguous range of replication indices [from, to). */
export interface ReplicationChunk {
  from: number;
  to: number;
}

/** Splits replications 0..total-1 into `parts` contiguous chunks whose sizes differ by at most one. */
export function splitReplications(total: number, parts: number): ReplicationChunk[] {
  const n = Math.max(1, Math.min(parts, total));
  const chunks: ReplicationChunk[] = [];
  let from = 0;
  for (let i = 0; i < n; i++) {
    const size = Math.floor(total / n) + (i < total % n ? 1 : 0);
    chunks.push({ from, to: from + size });
    from += size;
  }
  return chunks;
}
