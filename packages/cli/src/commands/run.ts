import { compileScenarioFile } from '@carecast/scenario';
import { hasParameterUncertainty } from '@carecast/engine';
import type { CliCommand } from '../command.js';
import { engineApi } from '../engine-api.js';
import { EXIT, UsageError } from '../errors.js';
import { longWorkDone } from '../front-end-done.js';
import { cliVersion } from '../main.js';
import { intOption, MAX_REPLICATIONS, MAX_SEED, MAX_WORKERS, pngOption, simulationOptions, uncertaintyOption, withUncertaintyOption, type Mode } from '../options.js';
import { shownDir, writeDirAtomically } from '../output/atomic-dir.js';
import { progressBar } from '../output/progress.js';
import { reportFiles } from '../output/report-files.js';
import { resultsJson } from '../output/results-json.js';
import { utf8WithBom } from '../output/utf8-bom.js';
import { allowLargeOption, checkRunBudget } from '../run-budget.js';
import { simulateScenario } from '../simulate-scenario.js';

export const run: CliCommand = {
  command: 'run <scenario>',
  describe: 'Simulate one scenario; write results.json, summary.csv and the report',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', describe: 'Scenario YAML file' })
      .options(simulationOptions)
      .options(uncertaintyOption)
      .option('allow-large', allowLargeOption)
      .option('png', pngOption)
      .option('mode', {
        choices: ['monte-carlo', 'expected-value'] as const,
        default: 'monte-carlo' as const,
        describe: 'monte-carlo: stochastic with supply; expected-value: deterministic projection, supply by an approximation',
      }),
  examples: [
    ['carecast run scenarios/baseline.yaml', '200 replications (the file\'s default) into out/'],
    ['carecast run scenarios/early-help-25.yaml --replications 1000 --seed 7 --out results/early-help', 'more replications, another seed and folder'],
    ['carecast run scenarios/baseline.yaml --mode expected-value --json', 'a quick deterministic projection, summary as JSON'],
    ['carecast run scenarios/baseline.yaml --png', 'also write every chart as PNG, for documents that do not take SVG'],
  ],
  async run(args, io) {
    const file = String(args['scenario']);
    const scenario = withUncertaintyOption(await compileScenarioFile(file, { cwd: io.cwd }), args);
    const mode = args['mode'] as Mode;
    const replications = intOption(args['replications'], 'replications', 1, MAX_REPLICATIONS) ?? scenario.replications;
    const seed = intOption(args['seed'], 'seed', 0, MAX_SEED) ?? scenario.seed;
    const workers = intOption(args['workers'], 'workers', 1, MAX_WORKERS);
    const out = String(args['out']);
    if (out.trim() === '') throw new UsageError('--out: expected a directory name');
    const json = args['json'] === true;

    if (mode === 'monte-carlo') {
      checkRunBudget(scenario, { replications, replicationsFromFlag: args['replications'] !== undefined, ...(workers !== undefined ? { workers } : {}), allowLarge: args['allow-large'] === true, summaryOnly: true });
    }
    const bar = progressBar(io, scenario.name);
    const result = await simulateScenario(scenario, {
      seed,
      replications,
      mode,
      ...(workers !== undefined ? { workers } : {}),
      onProgress: bar.update,
      summaryOnly: true,
    }).finally(() => bar.done());
    // The simulation is done: what is left (the files, the report, its charts) runs once (front-end-done.ts).
    longWorkDone();

    const api = engineApi();
    const { scenarioAssumptions, withResultsFields } = await import('@carecast/report');
    const assumptions = [scenarioAssumptions(scenario.name, scenario.params, scenario.leversInWords)];
    const results = withResultsFields(api.toResults(
      {
        scenarioName: scenario.name,
        source: file,
        seed,
        replications: mode === 'expected-value' ? 1 : replications,
        start: scenario.params.start,
        end: scenario.params.end,
        version: cliVersion(),
        ...(mode === 'expected-value' ? { mode } : {}),
        ...(scenario.description !== undefined ? { description: scenario.description } : {}),
        levers: scenario.leversInWords,
      },
      result.rows,
    ), { assumptions });
    const written: string[] = [];
    await writeDirAtomically(out, async () => {
      const files = new Map<string, string | Uint8Array>([
        ['results.json', resultsJson(results)],
        ['summary.csv', utf8WithBom(api.resultsToCsv(results))],
      ]);
      for (const [k, v] of await reportFiles({ results, leversInWords: scenario.leversInWords, png: args['png'] === true })) files.set(k, v);
      written.push(...files.keys());
      return files;
    }, io.cwd);

    // The same key numbers as report.html's table, from the same module.
    const { keyNumbers, keyNumbersText } = await import('@carecast/report');
    const numbers = keyNumbers({ results });
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ scenario: scenario.name, source: file, out, seed, replications, mode, ...(mode === 'expected-value' ? { note: EXPECTED_VALUE_NOTE } : {}), files: written, keyNumbers: numbers, levers: scenario.leversInWords, warnings: result.warnings }, null, 2)}\n`,
      );
    } else {
      for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
      const how = mode === 'expected-value' ? 'expected-value projection' : `${replications} replications, seed ${seed}`;
      io.stdout.write(`${scenario.name}: ${how}, ${scenario.params.start} to ${scenario.params.end}\n`);
      for (const l of scenario.leversInWords) io.stdout.write(`  lever: ${l}\n`);
      if (mode === 'expected-value') io.stdout.write(`${EXPECTED_VALUE_NOTE}\n`);
      if (mode === 'expected-value' && hasParameterUncertainty(scenario.params)) io.stdout.write(`${EXPECTED_VALUE_RATES_NOTE}\n`);
      io.stdout.write(keyNumbersText(numbers));
      io.stdout.write(`Wrote ${written.length} files to ${shownDir(io.cwd, out)}/ (results.json, summary.csv, report.html)\n`);
    }
    return EXIT.ok;
  },
};

/** What an expected-value run of a scenario with parameter uncertainty says about it. */
export const EXPECTED_VALUE_RATES_NOTE = 'Expected values take the rates as written: the scenario\'s parameter uncertainty (its posteriors) is used by Monte Carlo runs only.';

/** What an expected-value run says about itself. */
export const EXPECTED_VALUE_NOTE =
  'Expected values of a deterministic projection. Beds, foster households, fallbacks, matching and waiting lists act through an approximation (each capacity-limited placement type takes the share of requests a stationary queue with the same occupancy would take); duration caps are ignored. No range of outcomes: no 5%-95% band, and summary.csv leaves its percentile columns empty.';
