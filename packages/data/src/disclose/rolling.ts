import type { BacktestRow } from '../calibrate/backtest.js';
import type { RollingBacktestResult, RollingRow, RollingSeriesRow, RollingSummary } from '../calibrate/rolling-backtest.js';
import { withheldCategories } from './backtest.js';
import { WITHHELD, type Shown } from './suppress.js';

/** A rolling-backtest row as shared: the actual stock and everything that gives it back withheld when it is small. */
export type ShareableRollingRow = Omit<RollingRow, 'actual' | 'error' | 'expectedError' | 'within90' | 'within50' | 'absPercentError'> & {
  actual: Shown;
  error: number | 'withheld';
  expectedError: number | 'withheld';
  absPercentError: number | null | 'withheld';
  within90: boolean | 'withheld';
  within50: boolean | 'withheld';
};

export type ShareableRollingSummary = RollingSummary | { horizonMonths: number; category: RollingSummary['category']; forecasts: number; withheld: true };

/**
 * A rolling backtest's rows and summaries as shared outputs carry them (`--suppress`): on each scored
 * date the categories `withheldCategories` picks (a small actual stock, and enough others that the total
 * gives none back) have their actual, errors and band checks `withheld`; the same date scored from
 * several origins has the same actual and so the same withheld set. A summary is withheld when any of its
 * forecasts is (its mean error with the published forecasts would give the actual back). Each origin's
 * forecast starts from the actual stock on the origin, so the series' first point of a category is that
 * count: it is left out by the same rule. With `below` <= 1 everything is shown (disclosive).
 */
export function shareableRolling(
  result: Pick<RollingBacktestResult, 'rows' | 'summaries' | 'series'>,
  below: number,
): { rows: ShareableRollingRow[]; summaries: ShareableRollingSummary[]; series: RollingSeriesRow[]; withheldDates: Map<string, Set<string>> } {
  const byDate = new Map<string, RollingRow[]>();
  for (const r of result.rows) {
    const key = `${r.origin}|${r.date}`;
    byDate.set(key, [...(byDate.get(key) ?? []), r]);
  }
  const withheldDates = new Map<string, Set<string>>();
  for (const rows of byDate.values()) {
    const set = withheldDates.get(rows[0]!.date) ?? new Set<string>();
    for (const c of withheldCategories(rows, below)) set.add(c);
    withheldDates.set(rows[0]!.date, set);
  }
  const hidden = (r: RollingRow) => withheldDates.get(r.date)!.has(r.category);
  const rows = result.rows.map((r): ShareableRollingRow =>
    hidden(r)
      ? { ...r, actual: WITHHELD, error: WITHHELD, expectedError: WITHHELD, absPercentError: WITHHELD, within90: WITHHELD, within50: WITHHELD }
      : { ...r },
  );
  const summaries = result.summaries.map((s): ShareableRollingSummary =>
    result.rows.some((r) => r.horizonMonths === s.horizonMonths && r.category === s.category && hidden(r))
      ? { horizonMonths: s.horizonMonths, category: s.category, forecasts: s.forecasts, withheld: true }
      : s,
  );
  // The start stock of each origin: its first series date, the exact counts the forecast begins from.
  const firstDate = new Map<string, string>();
  for (const r of result.series) if (!firstDate.has(r.origin) || r.date < firstDate.get(r.origin)!) firstDate.set(r.origin, r.date);
  const startHidden = new Map<string, Set<string>>();
  for (const [origin, date] of firstDate) {
    const start = result.series.filter((r) => r.origin === origin && r.date === date).map((r) => ({ category: r.category, actual: r.mean }) as BacktestRow);
    startHidden.set(origin, withheldCategories(start, below));
  }
  const series = result.series.filter((r) => !(r.date === firstDate.get(r.origin) && startHidden.get(r.origin)!.has(r.category)));
  return { rows, summaries, series, withheldDates };
}
