// Baagoe's Alea generator and its Mash seeding, exactly as seedrandom 3.0.5's `alea` (lib/alea.js):
// the same numbers for the same seed text, so every result stays what it was. Written here so that a
// stream costs one small closure (seedrandom builds an object, three closures and a function with
// added properties per stream), and so that the hash of a stream's key, which is the same in every
// replication, is computed once: Mash reads the text a character at a time, so its state after the
// key is all it needs to go on with the replication's number.

/** Mash's state: `n` (a double below 2^32, with a fraction). */
const MASH_START = 0xefc8249d;
const TWO_32 = 0x100000000;
const TWO_M32 = 2.3283064365386963e-10;

/** Mash state `n` after reading `text`. */
function mashOn(n: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    n += text.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * TWO_32;
  }
  return n;
}

/** Alea's three seeds before the seed text (three Mash results of ' ') and Mash's state then. */
const START = (() => {
  const s: number[] = [];
  let n = MASH_START;
  for (let i = 0; i < 3; i++) {
    n = mashOn(n, ' ');
    s.push((n >>> 0) * TWO_M32);
  }
  return { s0: s[0]!, s1: s[1]!, s2: s[2]!, n };
})();

/** Mash's state after the first reading of a key's text, by key (bounded: cleared when it is full). */
const keyStates = new Map<string, number>();
const KEY_STATES_MAX = 4096;

/**
 * The generator seeded with the text `key + suffix`, as seedrandom's `alea(key + suffix)`: uniform
 * numbers in [0, 1). The key's first hashing is kept across calls.
 */
export function aleaFromKey(key: string, suffix: string): () => number {
  let afterKey = keyStates.get(key);
  if (afterKey === undefined) {
    if (keyStates.size >= KEY_STATES_MAX) keyStates.clear();
    afterKey = mashOn(START.n, key);
    keyStates.set(key, afterKey);
  }
  // Alea subtracts three Mash results of the whole seed text from its three seeds.
  let n = mashOn(afterKey, suffix);
  const g = new Alea();
  g.s0 = START.s0 - (n >>> 0) * TWO_M32;
  if (g.s0 < 0) g.s0 += 1;
  n = mashOn(mashOn(n, key), suffix);
  g.s1 = START.s1 - (n >>> 0) * TWO_M32;
  if (g.s1 < 0) g.s1 += 1;
  n = mashOn(mashOn(n, key), suffix);
  g.s2 = START.s2 - (n >>> 0) * TWO_M32;
  if (g.s2 < 0) g.s2 += 1;
  return () => g.next();
}

/** Alea's state: three seeds and a carry (object fields hold doubles unboxed; closure variables would not). */
class Alea {
  s0 = 0;
  s1 = 0;
  s2 = 0;
  c = 1;

  next(): number {
    const t = 2091639 * this.s0 + this.c * TWO_M32;
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }
}
