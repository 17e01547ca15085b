import { resolve } from 'node:path';
import { DEFAULT_HORIZONS_MONTHS, DEFAULT_REFERENCE_YEARS, backtest as runBacktest, shareableBacktest, type BacktestResult, type ShareableBacktestRow, type ShareableErrorSummary } from '@carecast/data';
import { formatCsvNumber } from '@carecast/engine';
import type { BacktestWindow } from '@carecast/report';
import { compileScenarioFile } from '@carecast/scenario';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { intOption, MAX_SEED, MAX_REPLICATIONS, MAX_WORKERS } from '../options.js';
import { shownDir, writeDirAtomically } from '../output/atomic-dir.js';
import { runRolling } from './backtest-rolling.js';
import { checkData, durationBands, readSpells, referenceWindow, reportQuality, ssda903Options } from './calibrate.js';

export const backtest: CliCommand = {
  command: 'backtest',
  describe: 'Fit on a reference window, forecast the next years and compare with the actual stock each 31 March',
  builder: (y) =>
    ssda903Options(y, false)
      .option('years', { type: 'number', describe: 'Years forecast after the reference window (default 2)' })
      .option('rolling', {
        type: 'boolean',
        default: false,
        describe: 'Rolling-origin accuracy: fit at every 31 March the data allow (instead of --reference), score each forecast at --horizons, by category and in total',
      })
      .option('reference-years', { type: 'string', requiresArg: true, describe: `With --rolling: years of returns each origin is fitted on (default ${DEFAULT_REFERENCE_YEARS})` })
      .option('horizons', { type: 'string', requiresArg: true, describe: `With --rolling: months after each origin at which forecasts are scored (default ${DEFAULT_HORIZONS_MONTHS.join(',')})` })
      .option('replications', { type: 'number', default: 100, describe: 'Monte Carlo replications' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of every random stream' })
      .option('workers', { type: 'number', describe: 'Worker threads (default: chosen from the run\'s size); results do not depend on it' })
      .option('supply-from', { type: 'string', describe: 'Scenario YAML whose supply (capacity, fallbacks) the forecast uses; default: unlimited' })
      .option('out', { type: 'string', describe: 'Folder to write backtest.json, backtest.csv and charts/ (SVG and PNG) into; with --rolling rolling-backtest.json, rolling-backtest.csv, rolling-summary.csv, report.html and charts/' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the rows as JSON on stdout' }),
  examples: [
    ['carecast backtest --folder ssda903/ --reference 2019-04-01:2021-03-31 --years 3', 'fit on two years, check three later 31 Marches'],
    ['carecast backtest --folder ssda903/ --reference 2019-04-01:2021-03-31 --out backtest/', 'also write backtest.json, backtest.csv and charts'],
    ['carecast backtest --folder ssda903/ --rolling --out rolling/', 'fit at every 31 March the data allow, score 6, 12 and 24 months ahead'],
    ['carecast backtest --folder ssda903/ --rolling --reference-years 2 --horizons 12', 'two-year fits, scored one year ahead'],
  ],
  async run(args, io) {
    const rolling = args['rolling'] === true;
    if (!rolling && args['reference'] === undefined) throw new UsageError('--reference: expected START:END ISO dates, e.g. 2021-04-01:2024-03-31 (or --rolling to fit at every 31 March the data allow)');
    for (const k of ['reference-years', 'horizons']) if (!rolling && args[k] !== undefined) throw new UsageError(`--${k}: only used with --rolling`);
    const bands = durationBands(args['duration-bands']);
    const replications = intOption(args['replications'], 'replications', 1, MAX_REPLICATIONS)!;
    const seed = intOption(args['seed'], 'seed', 0, MAX_SEED)!;
    const workers = intOption(args['workers'], 'workers', 1, MAX_WORKERS);
    const suppressBelow = intOption(args['suppress'], 'suppress', 0, 100)!;
    const supply = typeof args['supply-from'] === 'string' ? (await compileScenarioFile(args['supply-from'], { cwd: io.cwd })).params.supply : undefined;
    if (rolling) {
      return runRolling(args, io, {
        replications,
        seed,
        suppressBelow,
        ...(workers !== undefined ? { workers } : {}),
        ...(supply ? { supply } : {}),
        ...(bands ? { durationBandsDays: bands } : {}),
      });
    }
    const window = referenceWindow(args['reference']);
    const years = intOption(args['years'] ?? 2, 'years', 1, 20)!;
    const data = await readSpells(args, io, window);
    reportQuality(data, suppressBelow, io);
    checkData(data, window, args, io);
    const result = await runBacktest(data.spells, {
      ...window,
      parameterUncertainty: args['parameter-uncertainty'] !== false,
      years,
      replications,
      seed,
      ...(workers !== undefined ? { workers } : {}),
      ...(supply ? { supply } : {}),
      ...(bands ? { durationBandsDays: bands } : {}),
    });
    for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
    const meta = { reference: window, years, replications, seed, suppressBelow };
    // Shared outputs: a small actual stock, and what would give it back, is withheld (--suppress 0: all shown, disclosive).
    const shared = shareableBacktest(result, suppressBelow);
    const shown = (r: { date: string; category: string }) => !shared.withheldDates.get(r.date)?.has(r.category);
    const chartResult: BacktestResult = { ...result, rows: result.rows.filter(shown) };
    if (typeof args['out'] === 'string') {
      const out = args['out'];
      await writeDirAtomically(resolve(io.cwd, out), async () => {
        const files = new Map<string, string | Uint8Array>([
          ['backtest.json', `${JSON.stringify(backtestDocument(result, shared, meta), null, 2)}\n`],
          ['backtest.csv', backtestCsv(shared.rows)],
        ]);
        // Loaded on demand, as for the report: the renderer is heavy.
        const { backtestChartFiles } = await import('@carecast/report');
        for (const [k, v] of await backtestChartFiles(chartResult, window)) files.set(k, v);
        return files;
      });
      if (args['json'] !== true) io.stderr.write(`wrote backtest.json, backtest.csv and charts/ to ${shownDir(io.cwd, out)}/\n`);
    }
    if (args['json'] === true) {
      io.stdout.write(`${JSON.stringify({ ...meta, vanishedChildren: result.vanishedChildren, errors: shared.errors, rows: shared.rows }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (result.rows.length === 0) {
      io.stdout.write('no 31 March after the reference window is covered by the data: nothing to compare\n');
      return EXIT.ok;
    }
    const pad = (t: string, n: number) => t.padEnd(n);
    const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
    io.stdout.write(
      `${pad('date', 12)}${pad('category', 22)}${pad('actual', 8)}${pad('forecast', 10)}${pad('p05-p95', 11)}${pad('error', 9)}${pad('expected', 10)}error (expected value)\n`,
    );
    const text = (x: number | string, f: (n: number) => string) => (typeof x === 'number' ? f(x) : x === 'withheld' ? '.' : x);
    for (const r of shared.rows) {
      if (r.actual === 0 && r.forecastMean < 0.5 && r.expected < 0.5) continue;
      io.stdout.write(
        `${pad(r.date, 12)}${pad(r.category, 22)}${pad(text(r.actual, String), 8)}${pad(r.forecastMean.toFixed(1), 10)}${pad(`${r.forecastP05.toFixed(0)}-${r.forecastP95.toFixed(0)}`, 11)}` +
          `${pad(text(r.error, signed) + (r.within90 === false ? '*' : ''), 9)}${pad(r.expected.toFixed(1), 10)}${text(r.expectedError, signed)}\n`,
      );
    }
    io.stdout.write('* actual outside the Monte Carlo 5-95% range\n');
    if (suppressBelow > 1) io.stdout.write(`. withheld: a category under ${suppressBelow} children that date, or one that would give it back\n`);
    if (result.vanishedChildren > 0) io.stdout.write(`forecasts leave out the care expected for ${result.vanishedChildren} children whose open episode vanished from a later return (not forecast error)\n`);
    io.stdout.write(`\nMean absolute error over ${result.errors[0]?.dates ?? 0} dates (children): Monte Carlo / expected value\n`);
    for (const e of shared.errors) {
      io.stdout.write(`${pad(e.category, 22)}${'withheld' in e ? 'withheld' : `${pad(e.meanAbsError.toFixed(1), 8)}${e.expectedMeanAbsError.toFixed(1)}`}\n`);
    }
    return EXIT.ok;
  },
};

/** The backtest as backtest.json holds it: settings and aggregate counts only (children), small actual stocks withheld. */
function backtestDocument(
  result: BacktestResult,
  shared: { rows: ShareableBacktestRow[]; errors: ShareableErrorSummary[] },
  meta: { reference: BacktestWindow; years: number; replications: number; seed: number; suppressBelow: number },
) {
  return {
    ...meta,
    start: result.parameters.start,
    vanishedChildren: result.vanishedChildren,
    errors: shared.errors,
    rows: shared.rows,
    series: result.series,
    warnings: result.warnings,
  };
}

const CSV_HEADER = 'date,category,actual,forecast_mean,forecast_p05,forecast_p95,error,within90,expected,expected_error,vanished';

/** One line per compared 31 March and category (children); a withheld figure is `withheld`. */
function backtestCsv(rows: readonly ShareableBacktestRow[]): string {
  const lines = [CSV_HEADER];
  const num = (x: number | string) => (typeof x === 'number' ? formatCsvNumber(x) : x);
  for (const r of rows) {
    lines.push(
      [r.date, r.category, num(r.actual), ...[r.forecastMean, r.forecastP05, r.forecastP95, r.error].map(num), String(r.within90), ...[r.expected, r.expectedError, r.vanished].map(num)].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
