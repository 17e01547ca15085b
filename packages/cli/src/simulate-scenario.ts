import { checkedModel, type CompiledScenarioFile } from '@carecast/scenario';
import type { SeriesRow } from '@carecast/engine';
import { engineApi, type SimulationRun } from './engine-api.js';
import { frontEndDone } from './front-end-done.js';
import type { Mode } from './options.js';

export interface SimulationSettings {
  seed: number;
  replications: number;
  workers?: number;
  mode: Mode;
  onProgress?: (done: number, total: number) => void;
  /**
   * Summary rows only, in memory that does not grow with the replications (`simulateSummary`): no
   * `run` in the result. `compare` keeps every replication to pair them. __Default value:__ false
   */
  summaryOnly?: boolean;
}

/** One scenario simulated: the per-replication run (Monte Carlo only) and its summary rows. */
export interface ScenarioRun {
  scenario: CompiledScenarioFile;
  settings: SimulationSettings;
  run?: SimulationRun;
  rows: SeriesRow[];
  warnings: string[];
}

/** Simulates a compiled scenario (or projects it, in expected-value mode) and summarises it. */
export async function simulateScenario(scenario: CompiledScenarioFile, settings: SimulationSettings): Promise<ScenarioRun> {
  frontEndDone();
  const api = engineApi();
  if (settings.mode === 'expected-value') {
    return { scenario, settings, rows: api.projectExpected(scenario.params), warnings: [...scenario.warnings, ...api.expectedValueWarnings(scenario.params)] };
  }
  const options: Parameters<typeof api.simulate>[1] = { seed: settings.seed, replications: settings.replications };
  if (settings.workers !== undefined) options.workers = settings.workers;
  if (settings.onProgress !== undefined) options.onProgress = settings.onProgress;
  // The model the scenario's check compiled, when these are its parameters: not compiled again.
  const model = checkedModel(scenario, scenario.params);
  if (model !== undefined) options.model = model;
  if (settings.summaryOnly === true) {
    const summary = await api.simulateSummary(scenario.params, options);
    return { scenario, settings, rows: summary.rows, warnings: [...new Set([...scenario.warnings, ...summary.warnings])] };
  }
  const run = await api.simulate(scenario.params, options);
  const warnings = [...new Set([...scenario.warnings, ...run.warnings])];
  return { scenario, settings, run, rows: api.summarise(run), warnings };
}
