import {
  expectedValueWarnings,
  projectExpected,
  resultsToCsv,
  simulate,
  simulateSummary,
  summarise,
  summariseDifference,
  toResults,
} from '@carecast/engine';

export type { SimulationRun, SimulateOptions, ResultsMeta } from '@carecast/engine';

const api = { simulate, simulateSummary, summarise, summariseDifference, projectExpected, expectedValueWarnings, toResults, resultsToCsv };

/** The engine's Monte Carlo and results functions, in one place for the commands. */
export function engineApi(): typeof api {
  return api;
}
