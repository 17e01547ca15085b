// Named random streams. A stream is picked by (seed, name, replication): the seed and name are hashed
// once to a 128-bit key (`streamKey`, the only string hashing), and a replication's stream is seeded
// from that key and the replication number by integer mixing (`keyedStream`), so code that derives the
// same streams in every replication hashes their names once, outside its replication loop.
// The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, passes
// PractRand and BigCrush), giving uniforms on [0, 1) with 32 random bits.

/** A source of uniform numbers in [0, 1). */
export interface UniformSource {
  (): number;
}

/** (seed, stream name) hashed to four 32-bit words: what `keyedStream` needs besides the replication. */
export type StreamKey = readonly [number, number, number, number];

/**
 * The key of stream `name` under `seed`: cyrb128 (bryc's public-domain 128-bit string hash) of
 * `carecast|seed|name`, with `|` and `\` escaped inside the parts so distinct (seed, name) pairs never
 * join into the same text. A numeric seed and its decimal string give the same key.
 */
export function streamKey(seed: number | string, name: string): StreamKey {
  const text = `carecast|${escapePart(String(seed))}|${escapePart(name)}`;
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Replication `replication` (a whole number >= 0) of the stream with this key: sfc32 seeded from the
 * key's words each mixed with the replication number, then run 15 steps so that neighbouring
 * replications' sequences have nothing in common from the first draw. Integer arithmetic only.
 */
export function keyedStream(key: StreamKey, replication: number): UniformSource {
  const low = replication >>> 0;
  const high = Math.floor(replication / 4294967296) >>> 0;
  let a = fmix32(key[0] ^ fmix32(low ^ 0x9e3779b9));
  let b = fmix32(key[1] ^ fmix32(high ^ 0x7f4a7c15));
  let c = fmix32(key[2] ^ fmix32(low + 0x632be5ab));
  let d = key[3] | 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
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
