import { summarise, summariseDifference, type SeriesRow, type SimulationRun } from '@carecast/engine';
import { replicationStatistics } from '@carecast/engine/advanced';

/**
 * Rows of `summarise(run, { scenario })` from those of `summarise(run)`: the same statistics, the
 * scenario named in its column (after the row's identity, before its statistics: keys already there
 * keep their place when the row is assigned over them).
 */
export const named = (rows: readonly SeriesRow[], scenario: string): SeriesRow[] =>
  rows.map((row) => Object.assign({ date: row.date, metric: row.metric, category: row.category, scenario } as SeriesRow, row));

/**
 * Whether every value the rows summarise is a finite number (so x - x is 0 for each): each row's mean
 * is the sum of its cell's values over the replications divided by their count, which is NaN or
 * infinite when one of them is (and when finite values overflow the sum: those go the long way too).
 * The rows tell it without reading the run's values again.
 */
const allFinite = (rows: readonly SeriesRow[]): boolean => rows.every((r) => Number.isFinite(r.mean));

/**
 * `summariseDifference(run, run, scenario)` given `rows = summarise(run)`: a run compared with itself
 * (the edited scenario unchanged from its baseline) differs by exactly zero in every replication, so
 * each row holds the statistics of R zeros, computed once here instead of once per month of every
 * series. Rows, their order and their bytes are summariseDifference's; a run holding a value that is
 * not finite (x - x is then not 0) goes through it. `rows` must be `summarise(run)`: the same cells.
 */
export function selfDifference(run: SimulationRun, rows: readonly SeriesRow[], scenario: string): SeriesRow[] {
  if (!allFinite(rows)) return summariseDifference(run, run, scenario);
  const zeros = replicationStatistics(new Float64Array(run.replications));
  // Property order is summariseDifference's (the JSON and CSV column order).
  return rows.map(({ date, metric, category }) => Object.assign({ date, metric, category, scenario, delta: true } as SeriesRow, zeros));
}

/**
 * The summaries of a comparison of `edited` with `baseline` (the same run when unchanged), as `carecast
 * compare` computes them; `baseRows` is `summarise(baseRun)` when already made (while the edited
 * scenario ran).
 */
export function comparisonRows(
  editedRun: SimulationRun,
  baseRun: SimulationRun,
  name: string,
  baseRows = summarise(baseRun),
): { editedRows: SeriesRow[]; baseRows: SeriesRow[]; compare: SeriesRow[] } {
  const same = baseRun === editedRun;
  const editedRows = same ? baseRows : summarise(editedRun);
  const differences = same ? selfDifference(editedRun, editedRows, name) : summariseDifference(baseRun, editedRun, name);
  return { editedRows, baseRows, compare: [...named(editedRows, name), ...differences] };
}
