import seedrandom from 'seedrandom';

// Named random streams. A stream is picked by (seed, name, replication). The text
// `carecast|seed|name|` is hashed once (`streamKey`: seedrandom's Alea of the text, read as a 53-bit
// key); replication r's stream is seedrandom's Tyche-i seeded with a 53-bit number made from the key
// and r (`keyedStream`), so a loop over replications hashes no text: it adds r to the key and mixes the
// low word (session 18; before, every replication hashed `carecast|seed|name|r` with Alea's Mash).

/** A source of uniform numbers in [0, 1). */
export interface UniformSource {
  (): number;
}

/** A source of 32-bit words, signed (seedrandom's `prng.int32`). */
export interface WordSource {
  (): number;
}

/** (seed, stream name) hashed once: what `keyedStream` needs besides the replication. */
export interface StreamKey {
  /** High 21 bits of the 53-bit key. */
  readonly high: number;
  /** Low 32 bits of the 53-bit key (unsigned). */
  readonly low: number;
}

const TWO_32 = 0x100000000;
const HIGH_MASK = 0x1fffff;

/**
 * The key of stream `name` under `seed`: seedrandom's Alea of `carecast|seed|name|` (with `|` and `\`
 * escaped inside the parts so distinct (seed, name) pairs never join into the same text), its first two
 * 32-bit outputs read as 21 + 32 bits. A numeric seed and its decimal string give the same key.
 */
export function streamKey(seed: number | string, name: string): StreamKey {
  const hash = seedrandom.alea(`carecast|${escapePart(String(seed))}|${escapePart(name)}|`);
  return { high: hash.int32() & HIGH_MASK, low: hash.int32() >>> 0 };
}

/**
 * Replication `replication` (a whole number from 0 to 2^53 - 1) of the stream with this key:
 * seedrandom's Tyche-i (128-bit state, 20 rounds after seeding) seeded with (key + replication) mod
 * 2^53, its low 32 bits passed through MurmurHash3's finaliser. Both steps are one-to-one, so the
 * replications of one key never share a seed, and two keys share one only if their high 21 bits match
 * and their low words are the replications' difference apart (about 2^-53 per pair of keys and
 * replications).
 */
export function keyedStream(key: StreamKey, replication: number): UniformSource {
  return tycheI(keyedSeed(key, replication));
}

/**
 * The 32-bit words (signed) of `keyedStream(key, replication)`'s generator, seedrandom's `prng.int32`:
 * that stream's numbers are these words as `(word >>> 0) / 2^32`, so a caller that divides them itself
 * (`RandomStream`) draws the same numbers with one call fewer per draw.
 */
export function keyedWords(key: StreamKey, replication: number): WordSource {
  return tycheI(keyedSeed(key, replication)).int32;
}

/** The whole-number seed of Tyche-i for (key, replication): (key + replication) mod 2^53, its low word mixed. */
function keyedSeed(key: StreamKey, replication: number): number {
  const low = key.low + (replication % TWO_32);
  const high = (key.high + Math.floor(replication / TWO_32) + (low >= TWO_32 ? 1 : 0)) & HIGH_MASK;
  return high * TWO_32 + fmix32(low >>> 0);
}

/**
 * seedrandom's Tyche-i from a whole-number seed below 2^53 (its state's first two words are the seed's
 * high and low 32 bits): the generator takes one, though the typings list only text seeds.
 */
const tycheI = seedrandom.tychei as unknown as (seed: number) => UniformSource & { int32: WordSource };

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

/** The 32-bit words of `deriveStream(seed, name, replication)` (`keyedWords`). */
export function deriveWords(seed: number | string, name: string, replication: number): WordSource {
  return keyedWords(streamKey(seed, name), replication);
}

/** MurmurHash3's 32-bit finaliser: a bijection of the unsigned 32-bit integers that mixes every bit into every other. */
function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Escapes the separator so that distinct (seed, name) pairs never join into the same key; a no-op on plain names. */
function escapePart(part: string): string {
  return /[|\\]/.test(part) ? part.replace(/[|\\]/g, '\\$&') : part;
}
