/**
 * One copy of each distinct string. Millions of Episodes rows share a few hundred codes and one key per
 * child, so storing the shared copy instead of each row's own slice keeps memory per row small.
 */
export class Interner {
  private readonly seen = new Map<string, string>();

  /** The shared copy of `s` (`s` itself, flattened, the first time it is met). */
  get(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    const own = ownCopy(s);
    this.seen.set(own, own);
    return own;
  }

  get size(): number {
    return this.seen.size;
  }
}

/** `s` as a string of its own: a long slice (13 characters or more) can pin the whole 1 MB chunk it was cut from. */
export const ownCopy = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));
