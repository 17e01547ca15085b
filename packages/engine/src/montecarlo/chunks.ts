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

/** Batches no smaller than this share of one worker's part (1/BATCHES_PER_WORKER), so a run takes a few dozen messages, not one per replication. */
const BATCHES_PER_WORKER = 16;

/**
 * Hands out replications [from, to) to `workers` kept workers in batches, each taken when a worker
 * finishes its last ("guided" scheduling): half a worker's share of what remains, shrinking towards the
 * end to at least 1/BATCHES_PER_WORKER of a worker's part, so workers that run at different speeds (one
 * sharing its core with the page) finish together. Batches are contiguous and in order.
 */
export function guidedBatches(from: number, to: number, workers: number): () => ReplicationChunk | undefined {
  const parts = Math.max(1, workers);
  const least = Math.max(1, Math.floor((to - from) / (parts * BATCHES_PER_WORKER)));
  let next = from;
  return () => {
    const remaining = to - next;
    if (remaining <= 0) return undefined;
    const size = Math.min(remaining, Math.max(least, Math.ceil(remaining / (2 * parts))));
    const chunk = { from: next, to: next + size };
    next += size;
    return chunk;
  };
}
