import seedrandom from 'seedrandom';

// Named random streams. A stream is picked by (seed, name, replication): seedrandom's Alea seeded with
// `carecast|seed|name|replication`. The text before the replication (`streamKey`) is built once per
// model and seed, so code that derives the same streams in every replication builds no strings per
// replication beyond appending the number (Alea still hashes the whole text: about 2% of a replication's
// CPU at Anytown; a generator keyed by integers would change every result, see the kernel README).

/** A source of uniform numbers in [0, 1). */
export interface UniformSource {
  (): number;
}

/** (seed, stream name) as the text a replication's number is appended to: what `keyedStream` needs besides the replication. */
export type StreamKey = string;

/**
 * The key of stream `name` under `seed`: `carecast|seed|name|`, with `|` and `\` escaped inside the
 * parts so distinct (seed, name) pairs never join into the same text. A numeric seed and its decimal
 * string give the same key.
 */
export function streamKey(seed: number | string, name: string): StreamKey {
  return `carecast|${escapePart(String(seed))}|${escapePart(name)}|`;
}

/** Replication `replication` (a whole number >= 0) of the stream with this key: seedrandom's Alea. */
export function keyedStream(key: StreamKey, replication: number): UniformSource {
  return seedrandom.alea(key + replication) as UniformSource;
}

/**
 * Derives an independent uniform stream from (seed, stream name, replication), so that each purpose
 * (entries, moves, exits, recruitment...) draws from its own sequence in every replication and a
 * change to one process leaves the others' draws untouched (common random numbers). A numeric seed and
 * its decimal string give the same stream. Hashes the name: in a loop over replications, take
 * `streamKey` once and call `keyedStream`.
 */
export function deriveStream(seed: number | string, name: string, replication: number): UniformSource {
  return keyedStream(streamKey(seed, name), replication);
}

/** Escapes the separator so that distinct (seed, name) pairs never join into the same key; a no-op on plain names. */
function escapePart(part: string): string {
  return /[|\\]/.test(part) ? part.replace(/[|\\]/g, '\\$&') : part;
}
