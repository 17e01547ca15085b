import type { Results, SeriesRow } from '@carecast/engine';
import { byLeverOf } from '../by-lever/attribution.js';
import { buildCharts, type NamedChart } from '../charts/index.js';
import { compareRows, type ReportData } from '../rows.js';
import { checkResults } from './check-results.js';
import { reportHtml } from './html.js';
import { keyNumbers } from './key-numbers.js';
import type { BrowserLibraries } from './libraries.js';
import type { VegaTemplates } from './vega-templates.js';
import { summarySentences } from '../summary.js';
import { financialYearTables, type FyTable } from '../tables/financial-years.js';

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
  /** Also render each chart to `charts/<name>.{vl.json,svg}` (default true); false gives report.html alone, faster. */
  readonly images?: boolean | undefined;
  /**
   * Also draw each chart as PNG, `charts/<name>.png` at 2 px per SVG unit (with `images`). Off by
   * default: drawing the charts to PNG costs more CPU than the rest of the report, and the SVG files
   * open in browsers and in Word and PowerPoint (Microsoft 365: Insert > Pictures). __Default value:__ false
   */
  readonly png?: boolean | undefined;
  /**
   * Vega specs compiled ahead of time for charts of these shapes (`chartTemplates`): a chart of a
   * shape found here is drawn without compiling Vega-Lite, into the same SVG. __Default value:__ none
   */
  readonly vegaTemplates?: VegaTemplates | undefined;
  /**
   * `buildReport` gives each text file as its UTF-8 bytes, encoded as soon as it is made (for a caller
   * that writes them to files: less for the garbage collector to copy). __Default value:__ false (strings)
   */
  readonly utf8?: boolean | undefined;
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

/** A report's page and the parts the other files are made of. */
export interface ReportPage {
  readonly html: string;
  readonly charts: readonly NamedChart[];
  readonly summary: readonly string[];
  readonly financialYears: readonly FyTable[];
}

/**
 * The self-contained report.html with the browser libraries given (on Node, assets.ts reads them from
 * node_modules; a page bundles them), and its charts, summary and tables. Malformed results throw a
 * TypeError naming the bad field.
 */
export function reportPage(input: ReportInput, libraries: BrowserLibraries): ReportPage {
  const { results } = input;
  checkResults(results);
  if (input.baseline) checkResults(input.baseline, 'baseline');
  const data: ReportData = { results, baseline: input.baseline, compare: input.compare };
  const charts = buildCharts(data);
  const financialYears = financialYearTables(data);
  const summary = summarySentences(data, financialYears);
  const html = reportHtml({
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
    libraries,
  });
  return { html, charts, summary, financialYears };
}

/**
 * summary.xlsx for a report's page, as `buildReport` writes it. The workbook writer is loaded on first use only
 * (a page that never asks for the workbook never loads it).
 */
export async function summaryXlsx(input: ReportInput, page: ReportPage): Promise<Uint8Array> {
  const { summaryWorkbook } = await import('./workbook.js');
  return summaryWorkbook({ results: input.results, summary: page.summary, financialYears: page.financialYears, leversInWords: input.leversInWords });
}
