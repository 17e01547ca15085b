import { dayToIso, isoToDay } from '@carecast/engine';
import type { CareSpell } from '../clean/spells.js';
import type { DataQualitySummary, DropReason, ReturnAccount } from '../read/quality.js';
import { collectionYearOf } from '../read/return-years.js';

/** One return (authority x collection year): what became of its rows and the children it shows. */
export interface ReturnSummary extends ReturnAccount {
  /** The 31 March the return ends on (ISO). */
  yearEnd: string;
  /** Children in care at the end of that 31 March (null when the authority's data stop before it). */
  inCare: number | null;
  /** Care spells begun within the collection year (first episode RNE S). */
  entries: number;
  /** Care spells ended within the year with an exit (REC other than X1). */
  exits: number;
  /** Open episodes closed at the end of this return because the next return no longer held them (not exits). */
  vanished: number;
}

/** How many spells there were and the days they span, and whether any touches a reference window. */
export interface SpellRange {
  count: number;
  /** First day in care of any spell; Infinity without spells. */
  first: number;
  /** Last day in care or observed of any spell; -Infinity without spells. */
  last: number;
  /** Whether any spell is in care within the window the tally was made for (true when it had none). */
  inWindow: boolean;
}

/**
 * Counts, one spell at a time, what the data-quality summary needs: for each authority's returns the
 * children in care at the 31 March each ends on, entries, exits and vanished episodes by collection year,
 * and the spells' range. `watch` passes spells through while counting, so one pass also feeds `calibrate`.
 */
export class SpellTally implements SpellRange {
  count = 0;
  first = Infinity;
  last = -Infinity;
  inWindow: boolean;
  private readonly flows = new Map<string, { entries: number; exits: number; vanished: number }>();
  private readonly stocks = new Map<string, number>();
  /** Per authority, the 31 Marches (as the first day after) its returns end on and the data cover. */
  private readonly yearEnds = new Map<string, { year: number; to: number }[]>();
  private readonly window: { from: number; to: number } | null;

  constructor(quality: Pick<DataQualitySummary, 'returns'>, dataEndByLa: ReadonlyMap<string, number>, window?: { referenceStart: string; referenceEnd: string }) {
    for (const r of quality.returns) {
      const to = isoToDay(`${r.year}-03-31`) + 1;
      if (r.year > 0 && (dataEndByLa.get(r.la) ?? -Infinity) >= to) {
        const list = this.yearEnds.get(r.la) ?? [];
        list.push({ year: r.year, to });
        this.yearEnds.set(r.la, list);
      }
    }
    this.window = window ? { from: isoToDay(window.referenceStart), to: isoToDay(window.referenceEnd) + 1 } : null;
    this.inWindow = window === undefined;
  }

  add(s: CareSpell): void {
    this.count++;
    const end = s.end ?? s.observedUntil;
    if (s.start < this.first) this.first = s.start;
    if (end > this.last) this.last = end;
    if (this.window && s.start < this.window.to && end > this.window.from) this.inWindow = true;
    if (s.startObserved) this.flow(s.la, collectionYearOf(s.start)).entries++;
    if (s.end !== null) this.flow(s.la, collectionYearOf(s.end - 1)).exits++;
    else if (s.vanished) this.flow(s.la, collectionYearOf(s.observedUntil - 1)).vanished++;
    for (const { year, to } of this.yearEnds.get(s.la) ?? []) {
      if (s.start < to && (s.end === null ? s.observedUntil >= to : s.end >= to)) {
        const k = `${s.la}\t${year}`;
        this.stocks.set(k, (this.stocks.get(k) ?? 0) + 1);
      }
    }
  }

  /** Passes `spells` on, counting each. */
  *watch(spells: Iterable<CareSpell>): Generator<CareSpell> {
    for (const s of spells) {
      this.add(s);
      yield s;
    }
  }

  private flow(la: string, year: number) {
    const k = `${la}\t${year}`;
    let f = this.flows.get(k);
    if (!f) this.flows.set(k, (f = { entries: 0, exits: 0, vanished: 0 }));
    return f;
  }

  /** Each return's row account joined with the children counted (call after the spells have passed). */
  summaries(quality: Pick<DataQualitySummary, 'returns'>): ReturnSummary[] {
    return quality.returns.map((r) => {
      const k = `${r.la}\t${r.year}`;
      const covered = (this.yearEnds.get(r.la) ?? []).some((y) => y.year === r.year);
      const f = this.flows.get(k) ?? { entries: 0, exits: 0, vanished: 0 };
      return { ...r, dropped: { ...r.dropped }, yearEnd: r.year > 0 ? `${r.year}-03-31` : dayToIso(0), inCare: covered ? (this.stocks.get(k) ?? 0) : null, ...f };
    });
  }
}

/**
 * Joins each return's row account with the children its authority's cleaned spells show for its
 * collection year: the stock at the 31 March it ends on, entries, exits and vanished episodes.
 */
export function summariseReturns(quality: DataQualitySummary, spells: readonly CareSpell[], dataEndByLa: ReadonlyMap<string, number>): ReturnSummary[] {
  const tally = new SpellTally(quality, dataEndByLa);
  for (const s of spells) tally.add(s);
  return tally.summaries(quality);
}

/** Rows dropped in one account, over every reason. */
export const droppedOf = (r: { dropped: Partial<Record<DropReason, number>> }): number => Object.values(r.dropped).reduce((s, n) => s + (n ?? 0), 0);
