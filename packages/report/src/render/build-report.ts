import type { Results, SeriesRow } from '@carecast/engine';
import { buildCharts } from '../charts/index.js';
import { compareRows, type ReportData } from '../rows.js';
import { checkResults } from './check-results.js';
import { reportHtml } from './html.js';
import { keyNumbers } from './key-numbers.js';
import { renderPng } from './png.js';
import { renderSvg } from './svg.js';
import { summarySentences } from '../summary.js';
import { financialYearTables } from '../tables/financial-years.js';
import { financialYearsCsv } from '../tables/csv.js';
import { summaryWorkbook } from './workbook.js';
import { byLeverOf } from '../by-lever/attribution.js';

/** What a report is built from. */
export interface ReportInput {
  readonly results: Results;
  /** The baseline run, when `results` is a scenario compared against it. */
  readonly baseline?: Results | undefined;
  /** Rows of `carecast compare`: every scenario's rows with `scenario`, differences with `delta: true`. */
  readonly compare?: readonly SeriesRow[] | undefined;
  /** The scenario's levers, one plain-English sentence each. __Default value:__ `results.levers` */
  readonly leversInWords?: readonly string[] | undefined;
  readonly title?: string | undefined;
  /** Also render each chart to `charts/<name>.{vl.json,svg,png}` (default true); false gives report.html alone, faster. */
  readonly images?: boolean | undefined;
}

// A comparison is titled by its scenarios, a single run by its own name.
function comparedNames(data: ReportData): string[] {
  return [...new Set(compareRows(data).filter((r) => r.delta === true).map((r) => r.scenario ?? ''))].filter((n) => n !== '');
}

function defaultTitle(data: ReportData): string {
  const compared = comparedNames(data);
  if (compared.length === 0) return `Carecast projection: ${data.results.scenario.name}`;
  const base = data.baseline?.scenario.name ?? data.results.scenario.name;
  return `Carecast comparison: ${compared.join('; ')} against ${base}`;
}

/** Report files by path relative to the output folder: `report.html`, `summary.xlsx`, `financial-years.csv` and `charts/<name>.{svg,png,vl.json}`. */
export type ReportFiles = Map<string, string | Uint8Array>;

/**
 * Builds every report file in memory, writing nothing: the self-contained report.html and each chart as
 * Vega-Lite JSON, SVG and PNG. The same input always gives byte-identical files; malformed results
 * throw a TypeError naming the bad field.
 */
export async function buildReport(input: ReportInput): Promise<ReportFiles> {
  const { results } = input;
  checkResults(results);
  if (input.baseline) checkResults(input.baseline, 'baseline');
  const data: ReportData = { results, baseline: input.baseline, compare: input.compare };
  const charts = buildCharts(data);
  const financialYears = financialYearTables(data);
  const summary = summarySentences(data, financialYears);
  const files: ReportFiles = new Map();
  files.set(
    'report.html',
    reportHtml({
      title: input.title ?? defaultTitle(data),
      results,
      baseline: input.baseline,
      leversInWords: input.leversInWords ?? results.levers,
      compared: comparedNames(data),
      keyNumbers: keyNumbers(data),
      summary,
      financialYears,
      byLever: byLeverOf(results),
      charts,
    }),
  );
  if (input.images === false) return files;
  files.set('summary.xlsx', await summaryWorkbook({ results, summary, financialYears, leversInWords: input.leversInWords }));
  files.set('financial-years.csv', financialYearsCsv(financialYears));
  for (const { name, spec } of charts) {
    const svg = await renderSvg(spec);
    files.set(`charts/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    files.set(`charts/${name}.svg`, svg);
    files.set(`charts/${name}.png`, renderPng(svg));
  }
  return files;
}
