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

/**
 * Joins each return's row account with the children its authority's cleaned spells show for its
 * collection year: the stock at the 31 March it ends on, entries, exits and vanished episodes.
 */
export function summariseReturns(quality: DataQualitySummary, spells: readonly CareSpell[], dataEndByLa: ReadonlyMap<string, number>): ReturnSummary[] {
  const key = (la: string, year: number) => `${la}\t${year}`;
  const flows = new Map<string, { entries: number; exits: number; vanished: number }>();
  const flow = (la: string, year: number) => {
    let f = flows.get(key(la, year));
    if (!f) flows.set(key(la, year), (f = { entries: 0, exits: 0, vanished: 0 }));
    return f;
  };
  const byLa = new Map<string, CareSpell[]>();
  for (const s of spells) {
    if (s.startObserved) flow(s.la, collectionYearOf(s.start)).entries++;
    if (s.end !== null) flow(s.la, collectionYearOf(s.end - 1)).exits++;
    else if (s.vanished) flow(s.la, collectionYearOf(s.observedUntil - 1)).vanished++;
    const list = byLa.get(s.la);
    if (list) list.push(s);
    else byLa.set(s.la, [s]);
  }
  return quality.returns.map((r) => {
    const yearEnd = `${r.year}-03-31`;
    const to = isoToDay(yearEnd) + 1;
    const dataEnd = dataEndByLa.get(r.la) ?? -Infinity;
    let inCare: number | null = null;
    if (r.year > 0 && dataEnd >= to) {
      inCare = 0;
      for (const s of byLa.get(r.la) ?? []) if (s.start < to && (s.end === null ? s.observedUntil >= to : s.end >= to)) inCare++;
    }
    const f = flows.get(key(r.la, r.year)) ?? { entries: 0, exits: 0, vanished: 0 };
    return { ...r, dropped: { ...r.dropped }, yearEnd: r.year > 0 ? yearEnd : dayToIso(0), inCare, ...f };
  });
}

/** Rows dropped in one account, over every reason. */
export const droppedOf = (r: { dropped: Partial<Record<DropReason, number>> }): number => Object.values(r.dropped).reduce((s, n) => s + (n ?? 0), 0);
