import { compileScenarioFile, ScenarioError, type CompiledScenarioFile, type Issue } from '@carecast/scenario';
import { headlineDifferences, type HeadlineDifference, type Results, type SeriesRow } from '@carecast/engine';
import type { LeverAttribution, ReportData } from '@carecast/report';
import type { CliCommand } from '../command.js';
import { engineApi } from '../engine-api.js';
import { EXIT, UsageError } from '../errors.js';
import { cliVersion } from '../main.js';
import { intOption, simulationOptions, uncertaintyOption, withUncertaintyOption, MAX_SEED, MAX_REPLICATIONS, MAX_WORKERS } from '../options.js';
import { shownDir, writeDirAtomically } from '../output/atomic-dir.js';
import { progressBar } from '../output/progress.js';
import { reportFiles } from '../output/report-files.js';
import { resultsJson } from '../output/results-json.js';
import { utf8WithBom } from '../output/utf8-bom.js';
import { allowLargeOption, checkRunBudget } from '../run-budget.js';
import { simulateScenario, type ScenarioRun } from '../simulate-scenario.js';
import { alignedPair, checkCalendar } from './compare-calendar.js';
import { leverPrefixes, sameModel, type LeverPrefixes } from './compare-by-lever.js';

const fmt = (x: number) => {
  const r = Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 10) / 10;
  return r.toLocaleString('en-GB');
};
const signed = (x: number) => (x > 0 ? `+${fmt(x)}` : fmt(x));

/** The terminal's key numbers of a comparison beyond the differences: savings net of lever costs, and each split by lever. */
async function compareKeyNumbersText(data: ReportData, splits: readonly LeverAttribution[]): Promise<string> {
  const { financialYearTables, savingsText, byLeverText } = await import('@carecast/report');
  return [savingsText(financialYearTables(data)), ...splits.map(byLeverText)].join('');
}

export const compare: CliCommand = {
  command: 'compare <baseline> [scenarios..]',
  describe: 'Run scenarios on common random numbers and report their differences against the baseline',
  builder: (y) =>
    y
      .positional('baseline', { type: 'string', describe: 'Baseline scenario YAML file' })
      .positional('scenarios', { type: 'string', array: true, describe: 'Scenario YAML files compared with it' })
      .options(simulationOptions)
      .options(uncertaintyOption)
      .option('allow-large', allowLargeOption)
      .option('by-lever', {
        type: 'boolean',
        default: false,
        describe:
          "Also split each scenario's difference by lever: its levers added one at a time in file order, on common random numbers (one more run per lever but the last). With one file, it is split against itself without levers",
      })
      .option('streams', {
        choices: ['common', 'independent'] as const,
        default: 'common' as const,
        describe: 'common: every scenario on the baseline\'s seed (paired); independent: seed + 1, + 2, ... (to see what pairing gains)',
      }),
  examples: [
    ['carecast compare scenarios/baseline.yaml scenarios/early-help-25.yaml', 'one lever against the baseline'],
    ['carecast compare scenarios/baseline.yaml scenarios/*.yaml --replications 500 --out out/compare', 'every scenario, into out/compare'],
    ['carecast compare scenarios/baseline.yaml scenarios/combined-strategy.yaml --by-lever', 'what each lever of the combined strategy adds'],
    ['carecast compare --by-lever scenarios/foster-recruitment.yaml', 'its levers against the same file without levers'],
  ],
  async run(args, io) {
    const byLever = args['by-lever'] === true;
    const independent = args['streams'] === 'independent';
    const files = [String(args['baseline']), ...((args['scenarios'] as string[] | undefined) ?? []).map(String)];
    if (files.length < 2 && !byLever) {
      throw new UsageError('compare: expected a baseline and at least one scenario file (or --by-lever with one scenario file, to split it by lever against itself without levers)');
    }
    if (byLever && independent) throw new UsageError('--by-lever: the split by lever needs common random numbers; leave out --streams independent');
    const compiled: CompiledScenarioFile[] = [];
    const issues: Issue[] = [];
    for (const file of files) {
      try {
        compiled.push(withUncertaintyOption(await compileScenarioFile(file, { cwd: io.cwd }), args));
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        issues.push(...err.issues);
      }
    }
    if (issues.length > 0) throw new ScenarioError(issues);
    // With --by-lever and one file, the baseline is that file without its levers.
    const single = files.length === 1 ? await leverPrefixes(compiled[0]!, io.cwd) : undefined;
    if (single) compiled.unshift({ ...single.withoutLevers, name: `${compiled[0]!.name} without levers` });
    const [base, ...others] = compiled as [CompiledScenarioFile, ...CompiledScenarioFile[]];
    // Every split is compiled before anything runs, so a file without levers stops the command at once.
    const splits: LeverPrefixes[] = [];
    if (byLever) for (const [i, c] of others.entries()) splits.push(single && i === 0 ? single : await leverPrefixes(c, io.cwd));
    const names = new Set<string>();
    for (const c of compiled) {
      if (names.has(c.name)) throw new UsageError(`${c.source}: two scenarios are named "${c.name}"; give each a distinct name`);
      names.add(c.name);
    }
    // Scenarios may start on different dates (this year's forecast over last year's): aligned on calendar dates.
    const calendar = checkCalendar(compiled, byLever);
    const replications = intOption(args['replications'], 'replications', 2, MAX_REPLICATIONS) ?? base.replications;
    const seed = intOption(args['seed'], 'seed', 0, MAX_SEED - compiled.length) ?? base.seed;
    const workers = intOption(args['workers'], 'workers', 1, MAX_WORKERS);
    const out = String(args['out']);
    const json = args['json'] === true;

    for (const c of compiled) {
      checkRunBudget(c, { replications, replicationsFromFlag: args['replications'] !== undefined, ...(workers !== undefined ? { workers } : {}), allowLarge: args['allow-large'] === true });
    }
    const runs: ScenarioRun[] = [];
    for (const [i, c] of compiled.entries()) {
      const bar = progressBar(io, c.name);
      runs.push(
        await simulateScenario(c, {
          seed: independent ? seed + i : seed,
          replications,
          mode: 'monte-carlo',
          ...(workers !== undefined ? { workers } : {}),
          onProgress: bar.update,
        }).finally(() => bar.done()),
      );
    }
    const api = engineApi();
    const [baseRun, ...otherRuns] = runs as [ScenarioRun, ...ScenarioRun[]];
    const compareRows: SeriesRow[] = [];
    const differences: HeadlineDifference[] = [];
    for (const [i, r] of otherRuns.entries()) {
      const name = others[i]!.name;
      compareRows.push(...api.summarise(r.run!, { scenario: name }));
      // Paired differences on the dates both runs hold (all of them when the runs share their dates).
      const [b, s] = calendar.aligned ? alignedPair(baseRun.run!, r.run!) : [baseRun.run!, r.run!];
      compareRows.push(...api.summariseDifference(b, s, name));
      differences.push(...headlineDifferences(b, s, name));
    }
    // Each split: the scenario without levers (the baseline's run when only levers differ), then its levers one at a time.
    const { leverAttribution } = await import('@carecast/report');
    const byLeverResults = [];
    for (const [i, split] of splits.entries()) {
      const c = others[i]!;
      const steps: { label: string; lever: string; rows: SeriesRow[] }[] = [];
      if (!sameModel(split.withoutLevers.params, base.params)) {
        const run = await simulateScenario(split.withoutLevers, { seed, replications, mode: 'monte-carlo', ...(workers !== undefined ? { workers } : {}) });
        steps.push({ label: 'Other changes in the file', lever: `${c.source}: the settings other than levers that differ from ${base.name}`, rows: run.rows });
      }
      for (const [k, p] of split.prefixes.entries()) {
        const last = k === split.prefixes.length - 1;
        const bar = progressBar(io, `${c.name} + ${p.label}`);
        const rows = last
          ? otherRuns[i]!.rows
          : (await simulateScenario(p.compiled, { seed, replications, mode: 'monte-carlo', ...(workers !== undefined ? { workers } : {}), onProgress: bar.update }).finally(() => bar.done())).rows;
        steps.push({ label: p.label, lever: p.lever, rows });
      }
      byLeverResults.push(leverAttribution({ scenario: c.name, baseline: base.name, baselineRows: baseRun.rows, steps }));
    }
    const levers = compiled.flatMap((c) => c.leversInWords.map((l) => `${c.name}: ${l}`));
    const meta = {
      scenarioName: base.name,
      source: base.source,
      seed,
      replications,
      start: base.params.start,
      end: base.params.end,
      version: cliVersion(),
      ...(base.description !== undefined ? { description: base.description } : {}),
      levers,
    };
    const baselineResults: Results = api.toResults(meta, baseRun.rows);
    const { scenarioAssumptions, withResultsFields } = await import('@carecast/report');
    const assumptions = compiled.map((c) => scenarioAssumptions(c.name, c.params, c.leversInWords));
    const results: Results = withResultsFields(api.toResults(meta, [...baseRun.rows, ...compareRows]), { assumptions, byLever: byLeverResults });
    const written: string[] = [];
    await writeDirAtomically(out, async () => {
      const filesOut = new Map<string, string | Uint8Array>([
        ['results.json', resultsJson(results)],
        ['summary.csv', utf8WithBom(api.resultsToCsv(results))],
      ]);
      for (const [k, v] of await reportFiles({ results, baseline: baselineResults, compare: compareRows, leversInWords: levers })) {
        filesOut.set(k, v);
      }
      written.push(...filesOut.keys());
      return filesOut;
    }, io.cwd);
    const warnings = [...new Set(runs.flatMap((r) => r.warnings.map((w) => `${r.scenario.source}: ${w}`)))];
    if (json) {
      io.stdout.write(
        `${JSON.stringify({ baseline: base.name, scenarios: others.map((o) => o.name), out, seed, replications, streams: independent ? 'independent' : 'common', differences, ...(byLever ? { byLever: byLeverResults } : {}), files: written, warnings }, null, 2)}\n`,
      );
      return EXIT.ok;
    }
    for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
    io.stdout.write(
      `Compared with ${base.name}: ${replications} replications, seed ${seed}, ${independent ? 'independent streams' : 'common random numbers'}, ${base.params.start} to ${base.params.end}\n`,
    );
    if (calendar.aligned) io.stdout.write(`${calendar.text}\n`);
    for (const c of others) for (const l of c.leversInWords) io.stdout.write(`  ${c.name}: ${l}\n`);
    const { textTable } = await import('@carecast/report');
    io.stdout.write(
      textTable(
        ['scenario', 'measure', 'baseline', 'scenario', 'difference', '95% interval'],
        differences.map((d) => [d.scenario, d.measure, fmt(d.baseline), fmt(d.value), signed(d.delta), `${signed(d.ci95_low)} to ${signed(d.ci95_high)}`]),
      ),
    );
    io.stdout.write(await compareKeyNumbersText({ results, baseline: baselineResults, compare: compareRows }, byLeverResults));
    io.stdout.write(`Wrote ${written.length} files to ${shownDir(io.cwd, out)}/\n`);
    return EXIT.ok;
  },
};
