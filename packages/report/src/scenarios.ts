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

/**
 * Every scenario's own rows in a comparison, the baseline first, then the compared scenarios in the
 * order of the results; undefined for a single run. Each entry can be read as one run's rows.
 */
export function scenarioRuns(data: ReportData): ScenarioSeries[] | undefined {
  // Once per report data: every chart of a comparison asks, and gets the same row lists (their groupings are cached by list).
  if (!SCENARIO_RUNS.has(data)) SCENARIO_RUNS.set(data, gatherScenarioRuns(data));
  return SCENARIO_RUNS.get(data);
}

const SCENARIO_RUNS = new WeakMap<ReportData, ScenarioSeries[] | undefined>();

function gatherScenarioRuns(data: ReportData): ScenarioSeries[] | undefined {
  const compare = compareRows(data);
  const own = data.results.scenario.name;
  const tagged = new Map<string, SeriesRow[]>();
  const compared = new Set<string>();
  for (const r of compare) {
    if (r.scenario === undefined) continue;
    if (r.delta === true) {
      compared.add(r.scenario);
      continue;
    }
    let list = tagged.get(r.scenario);
    if (!list) tagged.set(r.scenario, (list = []));
    list.push(r);
  }
  const baseline = data.baseline?.scenario.name ?? (compared.has(own) ? [...tagged.keys()].find((n) => !compared.has(n)) : own);
  const out = new Map<string, readonly SeriesRow[]>();
  if (baseline !== undefined) {
    const rows = data.baseline ? runRows(data.baseline) : (tagged.get(baseline) ?? (baseline === own ? runRows(data.results) : []));
    out.set(baseline, rows);
  }
  for (const [name, rows] of tagged) if (!out.has(name)) out.set(name, rows);
  if (!out.has(own) && data.baseline !== undefined) out.set(own, runRows(data.results));
  if (out.size < 2) return undefined;
  return [...out].map(([name, rows]) => ({ name, rows }));
}
