import * as engine from '@carecast/engine';
import type { ModelParameters, Results, SeriesRow } from '@carecast/engine';

/** Every replication's series of one scenario (the engine's SimulationRun). */
export interface SimulationRun {
  dates: string[];
  seed: number;
  replications: number;
  keys: string[];
  values: Map<string, Float64Array[]>;
  eventsFired: number;
  warnings: string[];
}

export interface SimulateOptions {
  seed: number;
  replications: number;
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ResultsMeta {
  scenarioName: string;
  source: string;
  seed: number;
  replications: number;
  start: string;
  end: string;
  version: string;
  mode?: 'monte-carlo' | 'expected-value';
}

interface EngineApi {
  simulate(params: ModelParameters, options: SimulateOptions): Promise<SimulationRun>;
  summarise(run: SimulationRun, options?: { scenario?: string }): SeriesRow[];
  summariseDifference(baseline: SimulationRun, scenario: SimulationRun, scenarioName: string): SeriesRow[];
  projectExpected(params: ModelParameters): SeriesRow[];
  toResults(meta: ResultsMeta, series: SeriesRow[]): Results;
  resultsToCsv(results: Results): string;
}

/** The engine's Monte Carlo and results functions. */
export function engineApi(): EngineApi {
  const e = engine as unknown as Record<string, unknown>;
  const names = ['simulate', 'summarise', 'summariseDifference', 'projectExpected', 'toResults', 'resultsToCsv'] as const;
  const missing = names.filter((n) => typeof e[n] !== 'function');
  if (missing.length > 0) throw new Error(`this build of @carecast/engine lacks ${missing.join(', ')}`);
  return e as unknown as EngineApi;
}
