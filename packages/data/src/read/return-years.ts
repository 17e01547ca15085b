import { civilFromDay } from '@carecast/engine';
import { dayToDmy } from './dates.js';
import type { DataQuality, DropReason } from './quality.js';

/**
 * The Episodes rows of one return as labelled in the input: one authority, one file, one label (the
 * YEAR column, or the folder's or file's name; 0 without one). Its collection year comes from its dates.
 */
export interface ReturnGroup {
  la: string;
  /** The year the input names (YEAR, folder or file name); 0 when it names none. */
  label: number;
  file: string;
  rows: number;
  /** DECOM and DEC dates by the collection year holding them. */
  datesByYear: Map<number, number>;
  /** DEC dates alone by collection year: a return's closed episodes all closed within its year. */
  decByYear: Map<number, number>;
  dates: number;
  /** Latest date seen (day number). */
  latest: number;
  /** Rows dropped while reading, by reason. */
  dropped: Partial<Record<DropReason, number>>;
  /** Collection year worked out from the dates (the year of the 31 March the return ends on); 0 without dates. */
  year: number;
}

/** Share of a return's dates that a collection year must hold to count as covered (so a stray typo date cannot move a return). */
const MIN_SHARE = 0.02;

/** The collection year holding a day: April to March, named by the year of the 31 March it ends on. */
export function collectionYearOf(day: number): number {
  const [y, m] = civilFromDay(day);
  return m >= 4 ? y + 1 : y;
}

/** Adds one episode's dates to a group's evidence. */
export function noteDates(g: ReturnGroup, decom: number, dec: number | null): void {
  const y = collectionYearOf(decom);
  g.datesByYear.set(y, (g.datesByYear.get(y) ?? 0) + 1);
  g.dates++;
  if (decom > g.latest) g.latest = decom;
  if (dec === null) return;
  const z = collectionYearOf(dec);
  g.datesByYear.set(z, (g.datesByYear.get(z) ?? 0) + 1);
  g.decByYear.set(z, (g.decByYear.get(z) ?? 0) + 1);
  g.dates++;
  if (dec > g.latest) g.latest = dec;
}

export function newGroup(la: string, label: number, file: string): ReturnGroup {
  return { la, label, file, rows: 0, datesByYear: new Map(), decByYear: new Map(), dates: 0, latest: -Infinity, dropped: {}, year: 0 };
}

/**
 * Sets each group's collection year from its dates. A return lists the episodes open at any time in its
 * year, so every date is on or before its 31 March (a lower bound: the latest collection year holding at
 * least 2% of the dates, at least 2, so a stray typo cannot move it) and every DEC falls within the year
 * (the year most DECs fall in). Without any DEC the label stands when the dates allow it. Where a label
 * disagrees, one warning gives the evidence (how many dates fall after the 31 March the label names)
 * and the dates win; dates after the chosen year are counted.
 */
export function resolveReturnYears(groups: readonly ReturnGroup[], quality: DataQuality): void {
  const mismatched: ReturnGroup[] = [];
  for (const g of groups) {
    if (g.dates === 0) {
      g.year = g.label;
      continue;
    }
    const need = Math.max(2, MIN_SHARE * g.dates);
    const years = [...g.datesByYear.keys()].sort((a, b) => b - a);
    const lower = years.find((y) => g.datesByYear.get(y)! >= need) ?? years[0]!;
    let decYear = 0;
    for (const [y, n] of g.decByYear) if (n > (g.decByYear.get(decYear) ?? 0) || (n === g.decByYear.get(decYear) && y > decYear)) decYear = y;
    g.year = decYear > 0 ? Math.max(decYear, lower) : g.label >= lower ? g.label : lower;
    const after = years.filter((y) => y > g.year).reduce((s, y) => s + g.datesByYear.get(y)!, 0);
    if (after > 0) {
      quality.warn(
        'dates-after-return',
        { file: g.file, row: 0, col: 0 },
        `${after} of ${g.dates} dates${g.la ? ` of LA ${g.la}` : ''} fall after 31/03/${g.year}, the end of the return the rest of its dates show; expected none (kept as written)`,
      );
    }
    if (g.label > 0 && g.label !== g.year) mismatched.push(g);
  }
  if (mismatched.length === 0) return;
  const g = mismatched[0]!;
  const afterLabel = [...g.datesByYear].filter(([y]) => y > g.label).reduce((s, [, n]) => s + n, 0);
  const shift = new Set(mismatched.map((m) => m.year - m.label));
  const why =
    shift.size === 1 && shift.has(1)
      ? 'the labels name the year each return starts (YEAR 2017 = April 2017 to March 2018), not the year it ends'
      : 'the labels do not match the dates';
  quality.warn(
    'year-label-mismatch',
    { file: g.file, row: 0, col: 0 },
    `${mismatched.length} of ${groups.length} returns are labelled a year their dates contradict: the one labelled ${g.label}${g.la ? ` (LA ${g.la})` : ''} has ` +
      `${afterLabel} of ${g.dates} dates after 31/03/${g.label} (latest ${dayToDmy(g.latest)}), so it is the return to 31/03/${g.year}; ${why}. ` +
      'Each return is read as the year its dates show',
  );
}
