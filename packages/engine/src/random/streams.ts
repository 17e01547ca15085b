import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1). */
export interface UniformSource {
  (): number;
}

/**
 * Derives an independent uniform stream from (seed, stream name, replication), so that each purpose
 * (entries, moves, exits, recruitment...) draws from its own sequence in every replication and a
 * change to one process leaves the others' draws untouched (common random numbers). A numeric seed and
 * its decimal string give the same stream.
 */
export function deriveStream(seed: number | string, name: string, replication: number): UniformSource {
  return seedrandom.alea(`carecast|${escapePart(String(seed))}|${escapePart(name)}|${replication}`) as UniformSource;
}

/** Escapes the separator so that distinct (seed, name) pairs never join into the same key; a no-op on plain names. */
function escapePart(part: string): string {
  return /[|\\]/.test(part) ? part.replace(/[|\\]/g, '\\$&') : part;
}
