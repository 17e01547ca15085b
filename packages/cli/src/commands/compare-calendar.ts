import type { SimulationRun } from '@carecast/engine';
import type { CompiledScenarioFile } from '@carecast/scenario';
import { UsageError } from '../errors.js';

/** How the compared scenarios' dates line up: the same dates, or calendar dates with the overlap used for differences. */
export interface CalendarAlignment {
  /** True when some scenario starts or ends on other dates than the baseline. */
  aligned: boolean;
  /** The overlap every scenario covers (ISO, inclusive). */
  from: string;
  to: string;
  /** What is done, in words, for the terminal and the report. */
  text: string;
}

/**
 * Checks that scenarios with different start dates or horizons overlap (a usage error otherwise, and
 * with --by-lever, whose split needs the same dates) and says in words how they are aligned.
 */
export function checkCalendar(compiled: readonly CompiledScenarioFile[], byLever: boolean): CalendarAlignment {
  const base = compiled[0]!;
  const aligned = compiled.some((c) => c.params.start !== base.params.start || c.params.end !== base.params.end);
  const from = compiled.map((c) => c.params.start).reduce((a, b) => (a > b ? a : b));
  const to = compiled.map((c) => c.params.end).reduce((a, b) => (a < b ? a : b));
  if (!aligned) return { aligned, from, to, text: '' };
  const spans = compiled.map((c) => `${c.name} ${c.params.start} to ${c.params.end}`).join('; ');
  if (byLever) {
    throw new UsageError(`--by-lever: the split by lever needs every scenario on the baseline's dates; these differ (${spans}). Compare them without --by-lever`);
  }
  if (from > to) {
    throw new UsageError(`the scenarios share no calendar date (${spans}); expected runs that overlap, e.g. this year's forecast against last year's`);
  }
  return {
    aligned,
    from,
    to,
    text:
      `The scenarios run over different dates (${spans}). Each scenario's own figures cover its own dates, on the calendar ` +
      `(charts show every scenario where it runs); differences from the baseline are paired by replication on the month ends ` +
      `every scenario covers (between ${from} and ${to}), and flows and costs summed in them start at the first of those month ends. ` +
      'Runs that start on different dates begin from different stocks, so common random numbers tighten these differences little.',
  };
}

/**
 * The dates every run holds (ISO, ascending): month ends inside all their horizons, plus a start date
 * when the runs share it. A run's first date is its start (the stock it begins from), so a scenario
 * starting on 1 April 2026 pairs with one starting on 1 April 2025 from 30 April 2026 on.
 */
export function commonDates(runs: readonly Pick<SimulationRun, 'dates'>[]): string[] {
  const [first, ...rest] = runs;
  if (!first) return [];
  const sets = rest.map((r) => new Set(r.dates));
  return first.dates.filter((d) => sets.every((s) => s.has(d)));
}

/**
 * A run cut to `dates` (each one of its own): the same replications and keys, each series holding only
 * those dates, so runs with different start dates can be differenced replication by replication on the
 * calendar dates they share.
 */
export function runOnDates(run: SimulationRun, dates: readonly string[]): SimulationRun {
  const index = new Map(run.dates.map((d, i) => [d, i]));
  const at = dates.map((d) => {
    const i = index.get(d);
    if (i === undefined) throw new RangeError(`runOnDates: ${d} is not a date of the run`);
    return i;
  });
  const values = new Map<string, Float64Array[]>();
  for (const [key, series] of run.values) values.set(key, series.map((s) => Float64Array.from(at, (i) => s[i]!)));
  return { ...run, dates: [...dates], values };
}

/** Two runs cut to the dates both hold. */
export function alignedPair(baseline: SimulationRun, scenario: SimulationRun): [SimulationRun, SimulationRun] {
  const dates = commonDates([baseline, scenario]);
  return [runOnDates(baseline, dates), runOnDates(scenario, dates)];
}
