import type { Metric, SeriesRow } from '@carecast/engine';
import { BASELINE_COLOUR, SCENARIO_COLOURS } from './palette.js';
import { compareRows, deltaRows, levelRowsByScenario, runRows, seriesRows, type ReportData } from './rows.js';

/** One scenario's rows of one metric and category. */
export interface ScenarioSeries {
  readonly name: string;
  readonly rows: readonly SeriesRow[];
}

/** A metric and category across scenarios: levels (baseline first) and each scenario's differences against the baseline. */
export interface ScenarioView {
  readonly baseline: string | undefined;
  readonly levels: readonly ScenarioSeries[];
  /** Paired differences (scenario minus baseline) from `delta` rows, with every percentile. */
  readonly deltas: readonly ScenarioSeries[];
  /** Difference of means (scenario minus baseline) when there are no `delta` rows: exact for the mean, nothing more. */
  readonly meanDifferences: readonly { name: string; date: string; mean: number }[];
}

/** Gathers a metric and category across the baseline, the run and any compare rows. */
export function scenarioView(data: ReportData, metric: Metric, category: string): ScenarioView {
  const compare = compareRows(data);
  const deltas = deltaRows(compare, metric, category);
  const levels = levelRowsByScenario(compare, metric, category);
  const baseline = data.baseline?.scenario.name ?? [...levels.keys()].find((n) => !deltas.has(n));
  const ordered = new Map<string, readonly SeriesRow[]>();
  if (baseline !== undefined) {
    const rows = levels.get(baseline) ?? (data.baseline ? seriesRows(runRows(data.baseline), metric, category) : []);
    if (rows.length > 0) ordered.set(baseline, rows);
  }
  for (const [name, rows] of levels) if (!ordered.has(name)) ordered.set(name, rows);
  const own = data.results.scenario.name;
  if (!ordered.has(own) && (data.baseline !== undefined || deltas.has(own))) {
    const rows = seriesRows(runRows(data.results), metric, category);
    if (rows.length > 0) ordered.set(own, rows);
  }
  const meanDifferences: { name: string; date: string; mean: number }[] = [];
  if (deltas.size === 0 && baseline !== undefined && ordered.has(baseline)) {
    const base = new Map(ordered.get(baseline)!.map((r) => [r.date, r.mean]));
    for (const [name, rows] of ordered) {
      if (name === baseline) continue;
      for (const r of rows) {
        const b = base.get(r.date);
        if (b !== undefined) meanDifferences.push({ name, date: r.date, mean: r.mean - b });
      }
    }
  }
  return {
    baseline,
    levels: [...ordered].map(([name, rows]) => ({ name, rows })),
    deltas: [...deltas].map(([name, rows]) => ({ name, rows })),
    meanDifferences,
  };
}

/** A colour scale for scenario names: the baseline dark grey, the others in Okabe-Ito order. */
export function scenarioScale(baseline: string | undefined, names: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...new Set([...(baseline === undefined ? [] : [baseline]), ...names])];
  let k = 0;
  const range = domain.map((n) => (n === baseline ? BASELINE_COLOUR : SCENARIO_COLOURS[k++ % SCENARIO_COLOURS.length]!));
  return { domain, range };
}
