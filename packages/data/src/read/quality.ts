import { formatPlace, type Place } from './errors.js';

/** Kinds of recoverable problems; each is counted, none is dropped silently. */
export type IssueKind =
  | 'unparsable-date'
  | 'dec-before-decom'
  | 'unknown-code'
  | 'duplicate-episode'
  | 'conflicting-duplicate'
  | 'overlapping-episodes'
  | 'missing-child-header'
  | 'provider-missing'
  | 'open-episode-not-continued'
  | 'in-care-past-18'
  | 'dob-after-decom'
  | 'unknown-sex'
  | 'rne-mismatch'
  | 'supported-under-16'
  | 'blank-required-value'
  | 'short-row'
  | 'month-first-dates'
  | 'ambiguous-dates'
  | 'excel-serial-date'
  | 'year-label-mismatch'
  | 'dates-after-return'
  | 'empty-episodes-file'
  | 'no-uasc-file';

export interface IssueSummary {
  kind: IssueKind;
  count: number;
  /** The first few messages, each `file:row:col: what is wrong and what is expected`. */
  examples: string[];
}

/** Things left out on purpose by the cleaning rules (not errors): counted so nothing vanishes unseen. */
export type ExclusionKind =
  | 'short-break-episode'
  | 'short-break-bridged'
  | 'same-day-placement'
  | 'rne-merged-episode'
  | 'temporary-placement-merged'
  | 'filtered-out-child'
  | 'vanished-open-episode'
  | 'episode-dropped';

/** Why an Episodes row was left out of every care spell. */
export type DropReason =
  | 'short-row'
  | 'blank-child'
  | 'unparsable-decom'
  | 'dec-before-decom'
  | 'no-header-row'
  | 'duplicate-in-return'
  | 'starts-after-18';

export const DROP_REASONS: readonly DropReason[] = ['short-row', 'blank-child', 'unparsable-decom', 'dec-before-decom', 'no-header-row', 'duplicate-in-return', 'starts-after-18'];

/**
 * What became of the Episodes rows of one return (authority x collection year): every row read is
 * used, merged (the same episode in a later return, stitched into one), excluded on purpose (short
 * breaks, filters) or dropped with a reason, so rowsRead = used + merged + excluded + dropped.
 */
export interface ReturnAccount {
  la: string;
  /** Collection year: the year of the 31 March the return ends on (from its dates). */
  year: number;
  rowsRead: number;
  used: number;
  merged: number;
  excluded: number;
  dropped: Partial<Record<DropReason, number>>;
}

export interface DataQualitySummary {
  issues: IssueSummary[];
  exclusions: Partial<Record<ExclusionKind, number>>;
  rows: { header: number; episodes: number; uasc: number };
  /** Episodes rows by return, ordered by authority then year. */
  returns: ReturnAccount[];
  /** Episodes rows dropped, by reason, over every return. */
  dropped: Partial<Record<DropReason, number>>;
}

const MAX_EXAMPLES = 5;

/** Collects counted warnings by kind, keeping the first few messages of each kind, and the fate of every row. */
export class DataQuality {
  private readonly byKind = new Map<IssueKind, IssueSummary>();
  private readonly accounts = new Map<string, ReturnAccount>();
  readonly exclusions: Partial<Record<ExclusionKind, number>> = {};
  readonly rows = { header: 0, episodes: 0, uasc: 0 };

  /** Records one recoverable issue at a place in a file. */
  warn(kind: IssueKind, place: Place, message: string): void {
    let s = this.byKind.get(kind);
    if (!s) {
      s = { kind, count: 0, examples: [] };
      this.byKind.set(kind, s);
    }
    s.count++;
    if (s.examples.length < MAX_EXAMPLES) s.examples.push(formatPlace(place, message));
  }

  /** Counts `n` records left out by a cleaning rule. */
  exclude(kind: ExclusionKind, n = 1): void {
    this.exclusions[kind] = (this.exclusions[kind] ?? 0) + n;
  }

  count(kind: IssueKind): number {
    return this.byKind.get(kind)?.count ?? 0;
  }

  /** The row account of one return, created empty on first use. */
  account(la: string, year: number): ReturnAccount {
    const key = `${la}\t${year}`;
    let a = this.accounts.get(key);
    if (!a) {
      a = { la, year, rowsRead: 0, used: 0, merged: 0, excluded: 0, dropped: {} };
      this.accounts.set(key, a);
    }
    return a;
  }

  /** Counts `n` Episodes rows of a return dropped for `reason`. */
  drop(la: string, year: number, reason: DropReason, n = 1): void {
    const d = this.account(la, year).dropped;
    d[reason] = (d[reason] ?? 0) + n;
  }

  /** Plain-data summary, issues ordered by kind name, returns by authority then year. */
  summary(): DataQualitySummary {
    const issues = [...this.byKind.values()]
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
      .map((s) => ({ ...s, examples: [...s.examples] }));
    const returns = [...this.accounts.values()]
      .sort((a, b) => (a.la < b.la ? -1 : a.la > b.la ? 1 : a.year - b.year))
      .map((a) => ({ ...a, dropped: { ...a.dropped } }));
    const dropped: Partial<Record<DropReason, number>> = {};
    for (const r of DROP_REASONS) {
      const n = returns.reduce((s, a) => s + (a.dropped[r] ?? 0), 0);
      if (n > 0) dropped[r] = n;
    }
    return { issues, exclusions: { ...this.exclusions }, rows: { ...this.rows }, returns, dropped };
  }
}

/** Rows dropped in a summary, over every reason. */
export const droppedRows = (q: Pick<DataQualitySummary, 'dropped'>): number => Object.values(q.dropped).reduce((s, n) => s + (n ?? 0), 0);
