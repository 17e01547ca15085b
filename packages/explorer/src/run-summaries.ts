import { RunColumns, type SeriesRow } from '@carecast/engine';
import { replicationStatistics, type ReplicationStatistics } from '@carecast/engine/advanced';

/**
 * A row with its identity, the comparison's columns and then the statistics `s`, in the JSON and CSV
 * column order of the engine's rows (`seriesRow`). One object literal, every field in the object itself:
 * `Object.assign` of the statistics onto a row of four or five fields moved them to a separate store as
 * the object grew (as the engine's `seriesRow` notes), and took 4-5 times as long over a run's 13,567
 * rows (Node, session 14).
 */
const comparisonRow = (r: Pick<SeriesRow, 'date' | 'metric' | 'category'>, scenario: string, s: ReplicationStatistics, delta?: true): SeriesRow =>
  delta
    ? { date: r.date, metric: r.metric, category: r.category, scenario, delta, mean: s.mean, p05: s.p05, p25: s.p25, p50: s.p50, p75: s.p75, p95: s.p95, ci95_low: s.ci95_low, ci95_high: s.ci95_high }
    : { date: r.date, metric: r.metric, category: r.category, scenario, mean: s.mean, p05: s.p05, p25: s.p25, p50: s.p50, p75: s.p75, p95: s.p95, ci95_low: s.ci95_low, ci95_high: s.ci95_high };

/**
 * Rows of `summarise(run, { scenario })` from those of `summarise(run)` (`rows`: the run's own rows,
 * with no scenario or difference columns): the same statistics, the scenario named in its column after
 * the row's identity.
 */
export const named = (rows: readonly SeriesRow[], scenario: string): SeriesRow[] => rows.map((row) => comparisonRow(row, scenario, row));

/**
 * Whether every value the rows summarise is a finite number (so x - x is 0 for each): each row's mean
 * is the sum of its cell's values over the replications divided by their count, which is NaN or
 * infinite when one of them is (and when finite values overflow the sum: those go the long way too).
 * The rows tell it without reading the run's values again.
 */
const allFinite = (rows: readonly SeriesRow[]): boolean => rows.every((r) => Number.isFinite(r.mean));

/**
 * `summariseDifference(run, run, scenario)` given `rows = summarise(run)` (the run folded into columns
 * as it arrived, RunColumns, whose rows are those): a run compared with itself
 * (the edited scenario unchanged from its baseline) differs by exactly zero in every replication, so
 * each row holds the statistics of R zeros, computed once here instead of once per month of every
 * series. Rows, their order and their bytes are summariseDifference's; a run holding a value that is
 * not finite (x - x is then not 0) goes through it. `rows` must be `run.summarise()`: the same cells.
 */
export function selfDifference(run: RunColumns, rows: readonly SeriesRow[], scenario: string): SeriesRow[] {
  if (!allFinite(rows)) return RunColumns.difference(run, run, scenario);
  const zeros = replicationStatistics(new Float64Array(run.length));
  // Property order is summariseDifference's (the JSON and CSV column order).
  return rows.map((row) => comparisonRow(row, scenario, zeros, true));
}

/**
 * The summaries of a comparison of `edited` with `baseline` (the same run when unchanged), as `carecast
 * compare` computes them (summarise and summariseDifference: RunColumns gives their rows), from the
 * runs folded into columns as their replications arrived; `baseRows` is `baseRun.summarise()` when
 * already made (while the edited scenario ran).
 */
export function comparisonRows(
  editedRun: RunColumns,
  baseRun: RunColumns,
  name: string,
  baseRows = baseRun.summarise(),
): { editedRows: SeriesRow[]; baseRows: SeriesRow[]; compare: SeriesRow[] } {
  const same = baseRun === editedRun;
  const editedRows = same ? baseRows : editedRun.summarise();
  const differences = same ? selfDifference(editedRun, editedRows, name) : RunColumns.difference(baseRun, editedRun, name);
  return { editedRows, baseRows, compare: [...named(editedRows, name), ...differences] };
}
