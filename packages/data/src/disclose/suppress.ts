/**
 * Small-count suppression for outputs meant to be shared: a count from 1 to `below - 1` is shown as
 * `<below`, and a count that would let a suppressed one be worked back (a total, a difference) is
 * withheld. The model and the analyst's own outputs keep exact counts; only what is published changes.
 */

/** A published cell: a number, `<N` for a suppressed count, or `withheld` for one that would reveal a suppressed count. */
export type Shown = number | `<${number}` | 'withheld';

export const WITHHELD = 'withheld' as const;

/** True when `n` is a count that must not be published under threshold `below` (0 or 1: nothing is). */
export const isSmall = (n: number, below: number): boolean => below > 1 && n > 0 && n < below;

/** A count as published: `<below` when small, else the count. */
export function shownCount(n: number, below: number): Shown {
  return isSmall(n, below) ? `<${below}` : n;
}

/**
 * A total and its parts (total = sum of parts) as published: small parts become `<below`; when any part
 * is small the total is withheld (it would give the small part by subtraction), and when exactly the
 * total is small every part is at most it and is shown small or 0.
 */
export function shownSum(total: number, parts: readonly number[], below: number): { total: Shown; parts: Shown[] } {
  const shownParts = parts.map((p) => shownCount(p, below));
  const anySmall = parts.some((p) => isSmall(p, below));
  return { total: anySmall && !isSmall(total, below) ? WITHHELD : shownCount(total, below), parts: shownParts };
}

/** Text of a published cell. */
export const shownText = (s: Shown): string => (typeof s === 'number' ? String(s) : s);
