import seedrandom from 'seedrandom';

// Named random streams. A stream is picked by (seed, name, replication): the seed and name are hashed
// once to a 128-bit key (`streamKey`, the only string hashing), and a replication's stream is seeded
// from that key and the replication number by integer mixing (`keyedStream`), so code that derives the
// same streams in every replication hashes their names once, outside its replication loop.
// Both steps use seedrandom: its Alea hashes the text to the key, and its Tyche-i generator (128-bit
// state, Neves and Araujo 2011) is set from the key mixed with the replication, giving uniforms on
// [0, 1) with 32 random bits.

/** A source of uniform numbers in [0, 1). */
export interface UniformSource {
  (): number;
}

/** (seed, stream name) hashed to four 32-bit words: what `keyedStream` needs besides the replication. */
export type StreamKey = readonly [number, number, number, number];

/**
 * The key of stream `name` under `seed`: four 32-bit words of seedrandom's Alea seeded with
 * `carecast|seed|name`, with `|` and `\\` escaped inside the parts so distinct (seed, name) pairs never
 * join into the same text. A numeric seed and its decimal string give the same key.
 */
export function streamKey(seed: number | string, name: string): StreamKey {
  const alea = seedrandom.alea(`carecast|${escapePart(String(seed))}|${escapePart(name)}`);
  return [alea.int32() >>> 0, alea.int32() >>> 0, alea.int32() >>> 0, alea.int32() >>> 0];
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Replication `replication` (a whole number >= 0) of the stream with this key: seedrandom's Tyche-i
 * with its four state words set from the key's words, each mixed with the replication number, then run
 * 20 steps so that neighbouring replications' sequences have nothing in common from the first draw.
 * Integer arithmetic only.
 */
export function keyedStream(key: StreamKey, replication: number): UniformSource {
  const low = replication >>> 0;
  const high = Math.floor(replication / 4294967296) >>> 0;
  const state = {
    a: fmix32(key[0] ^ fmix32(low ^ 0x9e3779b9)) | 0,
    b: fmix32(key[1] ^ fmix32(high ^ 0x7f4a7c15)) | 0,
    c: fmix32(key[2] ^ fmix32(low + 0x632be5ab)) | 0,
    d: key[3] | 1,
  };
  const next = seedrandom.tychei('', { state });
  for (let i = 0; i < 20; i++) next();
  return next;
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
