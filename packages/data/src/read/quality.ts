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
  | 'blank-required-value';

export interface IssueSummary {
  kind: IssueKind;
  count: number;
  /** The first few messages, each `file:row:col: what is wrong and what is expected`. */
  examples: string[];
}

/** Things left out on purpose by the cleaning rules (not errors): counted so nothing vanishes unseen. */
export type ExclusionKind =
  | 'short-break-episode'
  | 'same-day-placement'
  | 'rne-merged-episode'
  | 'temporary-placement-merged'
  | 'filtered-out-child'
  | 'episode-dropped';

export interface DataQualitySummary {
  issues: IssueSummary[];
  exclusions: Partial<Record<ExclusionKind, number>>;
  rows: { header: number; episodes: number; uasc: number };
}

const MAX_EXAMPLES = 5;

/** Collects counted warnings by kind, keeping the first few messages of each kind. */
export class DataQuality {
  private readonly byKind = new Map<IssueKind, IssueSummary>();
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

  /** Plain-data summary, issues ordered by kind name. */
  summary(): DataQualitySummary {
    const issues = [...this.byKind.values()]
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
      .map((s) => ({ ...s, examples: [...s.examples] }));
    return { issues, exclusions: { ...this.exclusions }, rows: { ...this.rows } };
  }
}
