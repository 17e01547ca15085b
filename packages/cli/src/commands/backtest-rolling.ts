import { resolve } from 'node:path';
import {
  DEFAULT_HORIZONS_MONTHS,
  DEFAULT_REFERENCE_YEARS,
  returnsCoverage,
  rollingBacktest,
  rollingOrigins,
  shareableRolling,
  tooLittleData,
  type RollingBacktestResult,
  type ShareableRollingRow,
  type ShareableRollingSummary,
} from '@carecast/data';
import { formatCsvNumber, type ModelParameters } from '@carecast/engine';
import type { Args } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { intOption } from '../options.js';
import { shownDir, writeDirAtomically } from '../output/atomic-dir.js';
import { checkData, readSpells, reportQuality } from './calibrate.js';

/** The settings of a rolling backtest besides the SSDA903 input. */
export interface RollingSettings {
  replications: number;
  seed: number;
  workers?: number;
  supply?: ModelParameters['supply'];
  durationBandsDays?: number[];
  suppressBelow: number;
}

/** Horizons in months from `6,12,24`: whole months above 0, each once. */
export function horizonsOption(value: unknown): number[] {
  if (value === undefined) return [...DEFAULT_HORIZONS_MONTHS];
  const parts = String(value).split(',').map((s) => s.trim());
  const months = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN));
  if (parts.some((p) => p === '') || months.some((m) => !Number.isInteger(m) || m <= 0 || m > 600)) {
    throw new UsageError(`--horizons: expected whole months from 1 to 600 separated by commas, e.g. 6,12,24; got ${JSON.stringify(value)}`);
  }
  return [...new Set(months)].sort((a, b) => a - b);
}

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
const pad = (t: string, n: number) => t.padEnd(n);

/** `carecast backtest --rolling`: fit at every 31 March the data allow, score 6, 12 and 24 months ahead. */
export async function runRolling(args: Args, io: CliIO, settings: RollingSettings): Promise<number> {
  if (args['reference'] !== undefined) {
    throw new UsageError('--reference: not used with --rolling, whose windows end on each 31 March the data allow; set their length with --reference-years');
  }
  if (args['years'] !== undefined) throw new UsageError('--years: not used with --rolling; set the forecast horizons in months with --horizons');
  const referenceYears = intOption(args['reference-years'], 'reference-years', 1, 50) ?? DEFAULT_REFERENCE_YEARS;
  const horizonsMonths = horizonsOption(args['horizons']);
  const data = await readSpells(args, io);
  reportQuality(data, settings.suppressBelow, io);
  const coverage = returnsCoverage(data.returns);
  if (!coverage) throw new UsageError('no SSDA903 return with a collection year was read; expected Episodes files with dated episodes');
  const origins = rollingOrigins(coverage.dataStart, coverage.dataEnd, referenceYears, horizonsMonths);
  if (origins.length === 0) throw new UsageError(tooLittleData(coverage.dataStart, coverage.dataEnd, referenceYears, horizonsMonths));
  checkData(data, { referenceStart: origins[0]!.referenceStart, referenceEnd: origins[origins.length - 1]!.referenceEnd }, args, io);
  const result = await rollingBacktest(data.spells, {
    ...coverage,
    referenceYears,
    horizonsMonths,
    replications: settings.replications,
    seed: settings.seed,
    ...(settings.workers !== undefined ? { workers: settings.workers } : {}),
    ...(settings.supply ? { supply: settings.supply } : {}),
    ...(settings.durationBandsDays ? { durationBandsDays: settings.durationBandsDays } : {}),
  });
  for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
  const shared = shareableRolling(result, settings.suppressBelow);
  const meta = {
    dataStart: coverage.dataStart,
    dataEnd: coverage.dataEnd,
    referenceYears,
    horizonsMonths,
    origins: result.origins.map((o) => o.origin),
    replications: settings.replications,
    seed: settings.seed,
    suppressBelow: settings.suppressBelow,
    errorIs: 'forecast - actual (children): above 0 the forecast was too high',
  };
  if (typeof args['out'] === 'string') {
    const out = args['out'];
    await writeDirAtomically(resolve(io.cwd, out), async () => {
      const files = new Map<string, string | Uint8Array>([
        ['rolling-backtest.json', `${JSON.stringify({ ...meta, vanishedChildren: result.vanishedChildren, summaries: shared.summaries, rows: shared.rows, series: shared.series, warnings: result.warnings }, null, 2)}\n`],
        ['rolling-backtest.csv', rowsCsv(shared.rows)],
        ['rolling-summary.csv', summaryCsv(shared.summaries)],
      ]);
      for (const [k, v] of await reportFiles(result, shared, meta)) files.set(k, v);
      return files;
    });
    if (args['json'] !== true) io.stderr.write(`wrote rolling-backtest.json, rolling-backtest.csv, rolling-summary.csv, report.html and charts/ to ${shownDir(io.cwd, out)}/\n`);
  }
  if (args['json'] === true) {
    io.stdout.write(`${JSON.stringify({ ...meta, vanishedChildren: result.vanishedChildren, summaries: shared.summaries, rows: shared.rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  io.stdout.write(rollingText(result, shared.rows, shared.summaries, settings.suppressBelow));
  return EXIT.ok;
}

/** The terminal tables: each forecast of the total, then accuracy by horizon and category. */
export function rollingText(result: RollingBacktestResult, rows: readonly ShareableRollingRow[], summaries: readonly ShareableRollingSummary[], suppressBelow: number): string {
  const lines: string[] = [];
  lines.push(
    `Rolling-origin backtest: ${result.origins.length} origins (${result.origins.map((o) => o.origin).join(', ')}), each fitted on the ${result.referenceYears} years before it; ` +
      `horizons ${result.horizonsMonths.join(', ')} months. Error = forecast - actual (children; above 0 the forecast was too high).`,
    '',
    `${pad('origin', 12)}${pad('horizon', 9)}${pad('date', 12)}${pad('actual', 8)}${pad('forecast', 10)}${pad('50% band', 11)}${pad('90% band', 11)}error`,
  );
  const text = (x: number | string, f: (n: number) => string) => (typeof x === 'number' ? f(x) : x === 'withheld' ? '.' : x);
  for (const r of rows) {
    if (r.category !== 'total') continue;
    const mark = r.within90 === false ? '**' : r.within50 === false ? '*' : '';
    lines.push(
      `${pad(r.origin, 12)}${pad(`${r.horizonMonths} mo`, 9)}${pad(r.date, 12)}${pad(text(r.actual, String), 8)}${pad(r.forecastMean.toFixed(1), 10)}` +
        `${pad(`${r.forecastP25.toFixed(0)}-${r.forecastP75.toFixed(0)}`, 11)}${pad(`${r.forecastP05.toFixed(0)}-${r.forecastP95.toFixed(0)}`, 11)}${text(r.error, signed)}${mark}`,
    );
  }
  lines.push('* actual outside the 50% band (25th-75th percentile); ** outside the 90% band (5th-95th) too', '');
  lines.push(`${pad('horizon', 9)}${pad('category', 22)}${pad('n', 4)}${pad('bias', 8)}${pad('rel bias', 10)}${pad('MAE', 7)}${pad('MAPE', 8)}${pad('in 50%', 8)}in 90%`);
  let last = -1;
  for (const s of summaries) {
    if (last !== -1 && s.horizonMonths !== last) lines.push('');
    last = s.horizonMonths;
    const head = `${pad(`${s.horizonMonths} mo`, 9)}${pad(s.category, 22)}${pad(String(s.forecasts), 4)}`;
    if ('withheld' in s) {
      lines.push(`${head}withheld`);
      continue;
    }
    const quiet = rows.every((r) => r.category !== s.category || r.horizonMonths !== s.horizonMonths || (r.actual === 0 && r.forecastP95 < 0.5));
    if (quiet) continue;
    lines.push(
      `${head}${pad(signed(s.meanError), 8)}${pad(pct(s.relativeBias), 10)}${pad(s.meanAbsError.toFixed(1), 7)}${pad(pct(s.mape), 8)}` +
        `${pad(`${s.within50}/${s.forecasts}`, 8)}${s.within90}/${s.forecasts}`,
    );
  }
  lines.push(
    'bias: mean of forecast - actual (children); rel bias: its sum over the sum of actuals; MAE: mean |forecast - actual|; MAPE: mean |forecast - actual| / actual',
    'over forecasts with an actual above 0; in 50% / in 90%: forecasts whose actual lay inside the 25-75% / 5-95% band of the replications.',
  );
  if (suppressBelow > 1) lines.push(`. withheld: a category under ${suppressBelow} children on a scored date, or one that would give it back`);
  if (result.vanishedChildren > 0) lines.push(`forecasts leave out the care expected for up to ${result.vanishedChildren} children whose open episode vanished from a later return (not forecast error)`);
  return `${lines.join('\n')}\n`;
}

const BOM = '\uFEFF';
const num = (x: number | string | boolean | null) => (x === null ? '' : typeof x === 'number' ? formatCsvNumber(x) : String(x));

/** One line per origin, horizon and category (children; fractions for the percentage error), with a byte-order mark. */
function rowsCsv(rows: readonly ShareableRollingRow[]): string {
  const lines = ['origin,horizon_months,date,category,actual,forecast_mean,forecast_p05,forecast_p25,forecast_p75,forecast_p95,error,abs_percent_error,within50,within90,vanished'];
  for (const r of rows) {
    lines.push(
      [r.origin, String(r.horizonMonths), r.date, r.category, ...[r.actual, r.forecastMean, r.forecastP05, r.forecastP25, r.forecastP75, r.forecastP95, r.error, r.absPercentError, r.within50, r.within90, r.vanished].map(num)].join(','),
    );
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** One line per horizon and category: bias (children), relative bias and MAPE (fractions), coverage counts. */
function summaryCsv(summaries: readonly ShareableRollingSummary[]): string {
  const lines = ['horizon_months,category,forecasts,bias,relative_bias,mean_abs_error,mape,mape_forecasts,within50,within90'];
  for (const s of summaries) {
    const cells = 'withheld' in s ? Array<string>(7).fill('withheld') : [s.meanError, s.relativeBias, s.meanAbsError, s.mape, s.mapeForecasts, s.within50, s.within90].map(num);
    lines.push([String(s.horizonMonths), s.category, String(s.forecasts), ...cells].join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** report.html and charts/: forecast against actual by origin (total, by category) and coverage by horizon. */
async function reportFiles(
  result: RollingBacktestResult,
  shared: ReturnType<typeof shareableRolling>,
  meta: { dataStart: string; dataEnd: string; referenceYears: number; horizonsMonths: number[]; replications: number; seed: number; suppressBelow: number },
): Promise<Map<string, string>> {
  // Loaded on demand, as for the report: the renderer is heavy.
  const { rollingForecastSpec, rollingCoverageSpec, rollingCategories, rollingReportFiles } = await import('@carecast/report');
  const shownRows = shared.rows.flatMap((r) => (typeof r.actual === 'number' ? [{ date: r.date, category: r.category, actual: r.actual }] : []));
  const shownSummaries = shared.summaries.flatMap((s) => ('withheld' in s ? [] : [s]));
  const input = { series: shared.series, rows: shownRows, summaries: shownSummaries };
  const charts = [];
  const total = rollingForecastSpec(input, ['total'], 'Children in care: each origin\'s forecast against the actual stock');
  if (total) charts.push({ name: 'rolling-total', caption: 'All children in care: forecast from each 31 March (mean, 50% and 90% bands) and the actual stock on every scored date.', spec: total });
  const byCategory = rollingForecastSpec(input, rollingCategories(input), 'By placement category: each origin\'s forecast against the actual stock');
  if (byCategory) charts.push({ name: 'rolling-by-category', caption: 'The same by placement category (actual stocks under the suppression threshold, and those that would give them back, are left out).', spec: byCategory });
  const coverage = rollingCoverageSpec(input);
  if (coverage) charts.push({ name: 'rolling-coverage', caption: 'Share of forecasts whose actual stock fell inside the 50% and 90% bands, by horizon and category; honest bands sit on the dashed lines over many origins.', spec: coverage });
  const pctCell = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);
  const cell = (x: number | string) => (typeof x === 'number' ? x.toFixed(1) : x);
  const totals = shared.summaries.filter((s) => s.category === 'total');
  const summaryRow = (s: ShareableRollingSummary) =>
    'withheld' in s
      ? [`${s.horizonMonths} months`, s.category, String(s.forecasts), 'withheld', '', '', '', '', '']
      : [`${s.horizonMonths} months`, s.category, String(s.forecasts), signed(s.meanError), pctCell(s.relativeBias), s.meanAbsError.toFixed(1), pctCell(s.mape), `${s.within50}/${s.forecasts}`, `${s.within90}/${s.forecasts}`];
  const head = ['Horizon', 'Category', 'Forecasts', 'Bias (children)', 'Relative bias', 'MAE (children)', 'MAPE', 'In 50% band', 'In 90% band'];
  const inBand = (s: ShareableRollingSummary, k: 'within50' | 'within90') => ('withheld' in s ? 0 : s[k]);
  const n = totals.reduce((a, s) => a + s.forecasts, 0);
  return rollingReportFiles({
    title: 'Rolling-origin backtest: how the forecast did at each annual refresh',
    sentences: [
      `The model was fitted at each of ${result.origins.length} origins (31 March ${result.origins.map((o) => o.origin.slice(0, 4)).join(', ')}) on the ${meta.referenceYears} years of returns before it, forecast from the next day, and each forecast compared with the stock the returns show ${meta.horizonsMonths.join(', ')} months later.`,
      `Over all horizons, the actual number of children in care fell inside the 50% band in ${totals.reduce((a, s) => a + inBand(s, 'within50'), 0)} of ${n} forecasts and inside the 90% band in ${totals.reduce((a, s) => a + inBand(s, 'within90'), 0)}; honest bands would hold about half and nine in ten over many origins.`,
      'Error is forecast minus actual, in children: above 0 the forecast was too high. Few origins make the coverage shares coarse: each origin is one annual refresh.',
    ],
    facts: [
      ['Data', `${meta.dataStart} to ${meta.dataEnd}`],
      ['Reference window', `${meta.referenceYears} years ending on each origin`],
      ['Horizons', `${meta.horizonsMonths.join(', ')} months`],
      ['Replications, seed', `${meta.replications}, ${meta.seed} (every origin on the same seed)`],
      ['Supply', 'unlimited unless --supply-from was given (SSDA903 holds no supply)'],
      ['Small counts', meta.suppressBelow > 1 ? `actual stocks under ${meta.suppressBelow} children withheld, with what would give them back` : 'not suppressed (disclosive)'],
    ],
    charts,
    tables: [
      { caption: 'Accuracy by horizon and category (Monte Carlo mean against the actual stock)', head, rows: shared.summaries.map(summaryRow) },
      {
        caption: 'Every forecast of the total (children)',
        head: ['Origin', 'Horizon', 'Date', 'Actual', 'Forecast', '50% band', '90% band', 'Error'],
        rows: shared.rows
          .filter((r) => r.category === 'total')
          .map((r) => [r.origin, `${r.horizonMonths} months`, r.date, String(r.actual), r.forecastMean.toFixed(1), `${r.forecastP25.toFixed(0)}-${r.forecastP75.toFixed(0)}`, `${r.forecastP05.toFixed(0)}-${r.forecastP95.toFixed(0)}`, typeof r.error === 'number' ? signed(r.error) : cell(r.error)]),
      },
    ],
    notes: [
      'Bias is the mean of forecast minus actual; relative bias its sum over the sum of actuals; MAE the mean absolute error; MAPE the mean of |forecast - actual| / actual over forecasts with an actual above 0.',
      'Bands are the 25th-75th (50%) and 5th-95th (90%) percentiles of the replications. They include the randomness of children\'s paths and, when the fit supplies it, the uncertainty of the estimated rates; not the model\'s own structural error.',
      'Aggregates only: no child\'s identifier, date of birth or postcode.',
    ],
  });
}
