import { DROP_REASONS, type DropReason, type IssueSummary } from '../read/quality.js';
import { isSmall, shownCount, shownSum, WITHHELD, type Shown } from '../disclose/suppress.js';
import { droppedOf, type ReturnSummary } from './return-summary.js';

/** One return's figures as a shared page may show them (see `shareableReturns`). */
export interface ShareableReturn {
  la: string;
  year: number;
  yearEnd: string;
  rowsRead: Shown;
  used: Shown;
  merged: Shown;
  excluded: Shown;
  droppedTotal: Shown;
  dropped: Partial<Record<DropReason, Shown>>;
  /** null: the authority's data stop before this 31 March. */
  inCare: Shown | null;
  entries: Shown;
  exits: Shown;
  vanished: Shown;
}

/**
 * The per-return figures with small counts suppressed and every figure withheld that would give one back
 * by subtraction. Two identities tie the figures: rows read = used + merged + excluded + dropped, dropped =
 * the sum of its reasons; and, for one authority, in care on 31 March = in care a year before + entries -
 * exits - vanished. In each, once one term is suppressed, the terms that would give it back are withheld,
 * so every identity has no unknown term or at least two.
 */
export function shareableReturns(rows: readonly ReturnSummary[], below: number): ShareableReturn[] {
  const out: ShareableReturn[] = [];
  let prev: ReturnSummary | undefined;
  for (const r of rows) {
    const reasons = DROP_REASONS.filter((k) => (r.dropped[k] ?? 0) > 0);
    const dropped = shownSum(
      droppedOf(r),
      reasons.map((k) => r.dropped[k]!),
      below,
    );
    const parts = [r.used, r.merged, r.excluded];
    const partHidden = parts.some((p) => isSmall(p, below)) || typeof dropped.total !== 'number';
    const rowsRead = partHidden && !isSmall(r.rowsRead, below) ? WITHHELD : shownCount(r.rowsRead, below);
    const previous = prev && prev.la === r.la && prev.year === r.year - 1 ? prev : undefined;
    const stockSmall = (r.inCare !== null && isSmall(r.inCare, below)) || (previous !== undefined && previous.inCare !== null && isSmall(previous.inCare, below));
    const flows = [r.entries, r.exits, r.vanished];
    const flowSmall = flows.some((f) => isSmall(f, below));
    // With the year before published, one unknown term would be given back: withhold the other flows too.
    const hideFlows = stockSmall || (flowSmall && previous !== undefined && previous.inCare !== null && r.inCare !== null);
    const flow = (n: number): Shown => (isSmall(n, below) ? shownCount(n, below) : hideFlows ? WITHHELD : n);
    out.push({
      la: r.la,
      year: r.year,
      yearEnd: r.yearEnd,
      rowsRead,
      used: shownCount(r.used, below),
      merged: shownCount(r.merged, below),
      excluded: shownCount(r.excluded, below),
      droppedTotal: dropped.total,
      dropped: Object.fromEntries(reasons.map((k, i) => [k, dropped.parts[i]!])),
      inCare: r.inCare === null ? null : shownCount(r.inCare, below),
      entries: flow(r.entries),
      exits: flow(r.exits),
      vanished: flow(r.vanished),
    });
    prev = r;
  }
  return out;
}

/** A warning count for a shared page: a band (`<5`, `5-99`, `100-999`, `1000+`), never an exact figure to subtract. */
export function warningBand(count: number, below: number): string {
  if (isSmall(count, below)) return `<${below}`;
  if (count < 100) return `${Math.max(below, 1)}-99`;
  return count < 1000 ? '100-999' : '1000+';
}

/** Warning kinds and banded counts, no examples (they quote rows of the input). */
export function shareableIssues(issues: readonly IssueSummary[], below: number): { kind: string; count: string }[] {
  return issues.map((i) => ({ kind: i.kind, count: warningBand(i.count, below) }));
}
