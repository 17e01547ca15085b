import type { BacktestErrorSummary, BacktestResult, BacktestRow } from '../calibrate/backtest.js';
import { isSmall, WITHHELD, type Shown } from './suppress.js';

/** A backtest row as shared: the actual stock and anything that gives it back (errors, the 90% check) withheld when it is small. */
export type ShareableBacktestRow = Omit<BacktestRow, 'actual' | 'error' | 'expectedError' | 'within90' | 'within50'> & {
  actual: Shown;
  error: number | 'withheld';
  expectedError: number | 'withheld';
  within90: boolean | 'withheld';
  within50: boolean | 'withheld';
};

export type ShareableErrorSummary = BacktestErrorSummary | { category: BacktestErrorSummary['category']; dates: number; withheld: true };

/**
 * The categories whose actual stock on one date is withheld: those from 1 to `below - 1` children, and
 * with them the smallest others until the group holds at least two categories and `below` children in
 * all and is not all ones, so the published total minus the published categories (the group's sum)
 * gives no single category back. Every member is `withheld` (not `<N`, which would bound it).
 */
export function withheldCategories(rows: readonly BacktestRow[], below: number): Set<string> {
  const byCategory = rows.filter((r) => r.category !== 'total');
  const group = byCategory.filter((r) => isSmall(r.actual, below));
  if (group.length === 0) return new Set();
  const rest = byCategory.filter((r) => r.actual >= below).sort((a, b) => a.actual - b.actual || (a.category < b.category ? -1 : 1));
  let sum = group.reduce((s, r) => s + r.actual, 0);
  while ((group.length < 2 || sum < below || sum === group.length) && rest.length > 0) {
    const next = rest.shift()!;
    group.push(next);
    sum += next.actual;
  }
  const out = new Set(group.map((r) => r.category as string));
  if (group.length < 2 || sum < below || sum === group.length) out.add('total');
  return out;
}

/**
 * A backtest's rows and error summaries as shared outputs carry them (`--suppress`): on each date the
 * actual stock of the withheld categories (see `withheldCategories`), and their errors and 90% check,
 * are `withheld`; a category's error summary is withheld when any of its dates is. Forecasts are model
 * output and stay. With `below` <= 1 everything is shown (disclosive).
 */
export function shareableBacktest(result: Pick<BacktestResult, 'rows' | 'errors'>, below: number): { rows: ShareableBacktestRow[]; errors: ShareableErrorSummary[]; withheldDates: Map<string, Set<string>> } {
  const byDate = new Map<string, BacktestRow[]>();
  for (const r of result.rows) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  const withheldDates = new Map<string, Set<string>>();
  for (const [date, rows] of byDate) withheldDates.set(date, withheldCategories(rows, below));
  const hidden = (r: BacktestRow) => withheldDates.get(r.date)!.has(r.category);
  const rows = result.rows.map((r): ShareableBacktestRow =>
    hidden(r) ? { ...r, actual: WITHHELD, error: WITHHELD, expectedError: WITHHELD, within90: WITHHELD, within50: WITHHELD } : { ...r },
  );
  const errors = result.errors.map((e): ShareableErrorSummary =>
    result.rows.some((r) => r.category === e.category && hidden(r)) ? { category: e.category, dates: e.dates, withheld: true } : e,
  );
  return { rows, errors, withheldDates };
}
