import type { RawEpisode } from './ssda903.js';
import { ownCopy } from './intern.js';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
/** DEC of an open episode. */
const OPEN = -2147483648;

interface Chunk {
  child: Int32Array;
  la: Uint16Array;
  year: Int32Array;
  decom: Int32Array;
  dec: Int32Array;
  /** rne, ls, place, provider, rec: indices into the store's code list, five per row. */
  codes: Uint16Array;
  file: Uint16Array;
  row: Int32Array;
}

const newChunk = (): Chunk => ({
  child: new Int32Array(CHUNK),
  la: new Uint16Array(CHUNK),
  year: new Int32Array(CHUNK),
  decom: new Int32Array(CHUNK),
  dec: new Int32Array(CHUNK),
  codes: new Uint16Array(CHUNK * 5),
  file: new Uint16Array(CHUNK),
  row: new Int32Array(CHUNK),
});

/**
 * The Episodes rows read, column by column in typed arrays (about 40 bytes a row instead of a few
 * hundred for an object with its own strings), in chunks of 65,536 rows so that growing never copies.
 * Codes, authorities and child keys are stored once each and referred to by number. `at(i)` and
 * iteration give RawEpisode objects made on demand.
 */
export class EpisodeStore implements Iterable<RawEpisode> {
  length = 0;
  private readonly chunks: Chunk[] = [];
  /** Child keys in the order first met in the Episodes files; `childOf(i)` indexes this. */
  readonly keys: string[] = [];
  private readonly keyIds = new Map<string, number>();
  private readonly codeList: string[] = [];
  private readonly codeIds = new Map<string, number>();
  private readonly laList: string[] = [];
  private readonly laIds = new Map<string, number>();

  private code(s: string): number {
    let id = this.codeIds.get(s);
    if (id === undefined) {
      id = this.codeList.length;
      if (id > 0xffff) throw new RangeError('more than 65,536 distinct codes in the Episodes files; expected DfE codes');
      this.codeList.push(s);
      this.codeIds.set(s, id);
    }
    return id;
  }

  /** Appends one row; `year` may be rewritten later with `setYear`. */
  push(e: RawEpisode): void {
    const i = this.length++;
    const c = i & MASK;
    if (c === 0) this.chunks.push(newChunk());
    const ch = this.chunks[i >>> CHUNK_BITS]!;
    let child = this.keyIds.get(e.key);
    if (child === undefined) {
      child = this.keys.length;
      const key = ownCopy(e.key);
      this.keys.push(key);
      this.keyIds.set(key, child);
    }
    let la = this.laIds.get(e.la);
    if (la === undefined) {
      la = this.laList.length;
      if (la > 0xffff) throw new RangeError('more than 65,536 authorities; expected LA codes');
      this.laList.push(e.la);
      this.laIds.set(e.la, la);
    }
    ch.child[c] = child;
    ch.la[c] = la;
    ch.year[c] = e.year;
    ch.decom[c] = e.decom;
    ch.dec[c] = e.dec === null ? OPEN : e.dec;
    const k = c * 5;
    ch.codes[k] = this.code(e.rne);
    ch.codes[k + 1] = this.code(e.ls);
    ch.codes[k + 2] = this.code(e.place);
    ch.codes[k + 3] = this.code(e.provider);
    ch.codes[k + 4] = this.code(e.rec);
    ch.file[c] = e.file;
    ch.row[c] = e.row;
  }

  /** The child (index into `keys`) of row i. */
  childOf(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.child[i & MASK]!;
  }

  laOf(i: number): string {
    return this.laList[this.chunks[i >>> CHUNK_BITS]!.la[i & MASK]!]!;
  }

  yearOf(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]!.year[i & MASK]!;
  }

  /** The last day row i shows: DEC, or DECOM while open. */
  lastDay(i: number): number {
    const ch = this.chunks[i >>> CHUNK_BITS]!;
    const dec = ch.dec[i & MASK]!;
    return dec === OPEN ? ch.decom[i & MASK]! : dec;
  }

  setYear(i: number, year: number): void {
    this.chunks[i >>> CHUNK_BITS]!.year[i & MASK] = year;
  }

  /** Row i as an object. */
  at(i: number): RawEpisode {
    const ch = this.chunks[i >>> CHUNK_BITS]!;
    const c = i & MASK;
    const k = c * 5;
    const dec = ch.dec[c]!;
    const codes = this.codeList;
    return {
      key: this.keys[ch.child[c]!]!,
      la: this.laList[ch.la[c]!]!,
      year: ch.year[c]!,
      decom: ch.decom[c]!,
      dec: dec === OPEN ? null : dec,
      rne: codes[ch.codes[k]!]!,
      ls: codes[ch.codes[k + 1]!]!,
      place: codes[ch.codes[k + 2]!]!,
      provider: codes[ch.codes[k + 3]!]!,
      rec: codes[ch.codes[k + 4]!]!,
      file: ch.file[c]!,
      row: ch.row[c]!,
    };
  }

  *[Symbol.iterator](): Iterator<RawEpisode> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}
