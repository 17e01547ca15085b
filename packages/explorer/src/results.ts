import { resultsToCsv, toResults, type Results, type SeriesRow } from '@carecast/engine';
import { scenarioAssumptions, withResultsFields } from '@carecast/report/browser';
import type { CompiledScenarioFile } from '@carecast/scenario/browser';
import { version } from '../../cli/package.json';

/**
 * The results document of one scenario, exactly as `carecast run` writes it for the same inputs; with
 * `compared` (the scenarios of a comparison, baseline first), as `carecast compare` writes it.
 */
export function resultsOf(
  scenario: CompiledScenarioFile,
  rows: SeriesRow[],
  run: { seed: number; replications: number; mode: 'monte-carlo' | 'expected-value' },
  compared: readonly CompiledScenarioFile[] = [scenario],
): Results {
  const ev = run.mode === 'expected-value';
  const assumptions = compared.map((c) => scenarioAssumptions(c.name, c.params, c.leversInWords));
  return withResultsFields(toResults(
    {
      scenarioName: scenario.name,
      source: scenario.source,
      seed: run.seed,
      replications: ev ? 1 : run.replications,
      start: scenario.params.start,
      end: scenario.params.end,
      version,
      ...(ev ? { mode: 'expected-value' as const } : {}),
      ...(scenario.description !== undefined ? { description: scenario.description } : {}),
      levers: scenario.leversInWords,
    },
    rows,
  ), { assumptions });
}

/** results.json's text as the command line writes it. */
export function resultsJsonText(results: Results): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

export function summaryCsvText(results: Results): string {
  return resultsToCsv(results);
}
