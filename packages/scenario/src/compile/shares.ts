import type { DocPath, IssueList } from '../errors.js';
import type { PlacementCategory } from '@carecast/engine';

/** How far a set of shares may be from 100% and still count as 100% (rounded percentages): 0.5 points. */
export const SHARE_SUM_TOLERANCE = 0.005;

const pct = (x: number): string => `${Number((x * 100).toFixed(2))}%`;

/**
 * Shares that must sum to 100%: refused with their sum when they do not (within SHARE_SUM_TOLERANCE),
 * unless `normalise` is set, when they are scaled to 100%. Empty sets are left to the engine's checks.
 */
export function sharesSummingToOne<K extends string>(
  issues: IssueList,
  path: DocPath,
  shares: Partial<Record<K, number>>,
  normalise: boolean,
): Partial<Record<K, number>> {
  const values = Object.values(shares) as number[];
  if (values.length === 0) return shares;
  const sum = values.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) <= SHARE_SUM_TOLERANCE) return shares;
  if (normalise && sum > 0) {
    const out: Partial<Record<K, number>> = {};
    for (const [k, v] of Object.entries(shares) as [K, number][]) out[k] = v / sum;
    return out;
  }
  const why = sum > 0 ? '; or set `normalise: true` at the top of the file to scale them to 100%' : '';
  issues.add(path, `these shares sum to ${pct(sum)}; expected 100%${why}`);
  return shares;
}

/** A fallback order: categories other than the full one itself, each at most once. */
export function checkFallbackOrder(
  issues: IssueList,
  path: DocPath,
  category: string,
  order: readonly PlacementCategory[],
): void {
  const seen = new Set<string>();
  order.forEach((c, i) => {
    if (c === category) issues.add([...path, i], `${c} falls back to itself; expected other categories to try when ${category} is full`);
    else if (seen.has(c)) issues.add([...path, i], `${c} is listed twice; expected each category at most once`);
    seen.add(c);
  });
}
