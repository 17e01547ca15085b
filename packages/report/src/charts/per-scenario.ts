import type { Results, SeriesRow } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../rows.js';
import { scenarioRuns } from '../scenarios.js';
import { finish, type Json } from './parts.js';

// Panels shrink as scenarios are added, so a whole comparison chart fits on one A4 page.
function shrink(spec: Json, factor: number): Json {
  const out: Json = { ...spec };
  if (typeof out['height'] === 'number') out['height'] = Math.round((out['height'] as number) * factor);
  if (Array.isArray(out['vconcat'])) out['vconcat'] = (out['vconcat'] as Json[]).map((p) => shrink(p, factor));
  if (out['spec'] !== undefined && typeof out['spec'] === 'object') out['spec'] = shrink(out['spec'] as Json, factor);
  return out;
}

/** A chart of one run's rows. */
export type RunChart = (data: ReportData) => TopLevelSpec | undefined;

// Selection parameters must be unique across the panels of one view.
function renameParams(spec: Json, suffix: string): Json {
  const names = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Json;
      if (Array.isArray(o['params'])) for (const p of o['params'] as Json[]) if (typeof p['name'] === 'string') names.add(p['name']);
      Object.values(o).forEach(walk);
    }
  };
  walk(spec);
  let text = JSON.stringify(spec);
  for (const n of names) text = text.replaceAll(`"${n}"`, `"${n}${suffix}"`);
  return JSON.parse(text) as Json;
}

/**
 * One scenario's rows of a comparison as a run's results, the same object for the same results, rows
 * and name, so every chart of a report groups those rows once (runRows, metricRows cache by object).
 */
const SCENARIO_RESULTS = new WeakMap<Results, WeakMap<readonly SeriesRow[], Map<string, Results>>>();

function scenarioResults(results: Results, name: string, rows: readonly SeriesRow[]): Results {
  let byRows = SCENARIO_RESULTS.get(results);
  if (!byRows) SCENARIO_RESULTS.set(results, (byRows = new WeakMap()));
  let byName = byRows.get(rows);
  if (!byName) byRows.set(rows, (byName = new Map()));
  let run = byName.get(name);
  if (!run) byName.set(name, (run = { ...results, scenario: { ...results.scenario, name }, series: [...rows] }));
  return run;
}

/**
 * A single-run chart, or in a comparison the same chart once per scenario (the baseline first), stacked
 * with the scenario's name over each panel, so every chart shows every scenario and says which is which.
 */
export function perScenario(data: ReportData, chart: RunChart): TopLevelSpec | undefined {
  const runs = scenarioRuns(data);
  if (!runs) return chart(data);
  let head: Json | undefined;
  const panels: Json[] = [];
  runs.forEach(({ name, rows }, i) => {
    const spec = chart({ results: scenarioResults(data.results, name, rows) }) as Json | undefined;
    if (!spec) return;
    const { $schema: _s, config: _c, title, ...rest } = spec;
    head ??= title as Json;
    const factor = runs.length > 2 ? 0.5 : 0.75;
    panels.push(renameParams(shrink({ ...rest, title: { text: i === 0 ? `${name} (baseline)` : name, fontSize: 13 } }, factor), `_${i}`));
  });
  if (!head || panels.length === 0) return undefined;
  const subtitle = head['subtitle'];
  // Panels that are single views share the y scale, so scenarios compare by eye; stacked panels keep their own.
  const shared = panels.every((p) => p['vconcat'] === undefined);
  const names = runs.map((r) => r.name);
  return finish({
    title: {
      text: head['text'],
      subtitle: [...(Array.isArray(subtitle) ? subtitle : subtitle === undefined ? [] : [subtitle]), `One panel per scenario${shared ? ', on the same scale' : ''}: ${names.join('; ')}.`],
    },
    vconcat: panels,
    // Each panel keeps its own legend: a scenario may split by age band where an older one split by category.
    resolve: { scale: { color: 'independent', ...(shared ? { y: 'shared' } : {}) } },
  });
}
