import type { Results, SeriesRow } from './types.js';

/** What results.json says about the run besides its rows. */
export interface ResultsMeta {
  scenarioName: string;
  /** The scenario file as the user named it, e.g. `scenarios/baseline.yaml`. */
  source: string;
  seed: number;
  replications: number;
  /** ISO start and end (inclusive) dates of the simulation. */
  start: string;
  end: string;
  /** Carecast's version, written as `tool.version`. */
  version: string;
  /** __Default value:__ "monte-carlo" (the field is omitted) */
  mode?: 'monte-carlo' | 'expected-value';
  /** The scenario file's description, written as `scenario.description`. */
  description?: string;
  /** The scenario's levers in words, so a report re-rendered from results.json can show them. */
  levers?: readonly string[];
}

/** The results.json document (schemaVersion 1) for summary rows. */
export function toResults(meta: ResultsMeta, series: SeriesRow[]): Results {
  const results: Results = {
    schemaVersion: 1,
    tool: { name: 'carecast', version: meta.version },
    scenario: {
      name: meta.scenarioName,
      source: meta.source,
      ...(meta.description !== undefined ? { description: meta.description } : {}),
    },
    ...(meta.levers !== undefined ? { levers: [...meta.levers] } : {}),
    seed: meta.seed,
    replications: meta.replications,
    start: meta.start,
    end: meta.end,
    series,
  };
  if (meta.mode !== undefined) {
    // Keep `mode` before `series` so a reader of the file sees it near the top.
    const { series: rows, ...head } = results;
    return { ...head, mode: meta.mode, series: rows };
  }
  return results;
}
