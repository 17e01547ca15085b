import { browserLibraries } from './assets.js';
import { financialYearsCsv } from '../tables/csv.js';
import { renderPng } from './png.js';
import { reportPage, summaryXlsx, type ReportInput } from './report-page.js';
import { renderSvg } from './svg.js';

export type { ReportInput } from './report-page.js';

/** Report files by path relative to the output folder: `report.html`, `summary.xlsx`, `financial-years.csv` and `charts/<name>.{svg,vl.json}` (and `.png` with `png: true`). */
export type ReportFiles = Map<string, string | Uint8Array>;

/**
 * Builds every report file in memory, writing nothing: the self-contained report.html and each chart as
 * Vega-Lite JSON and SVG, and as PNG when `input.png` is true. The same input always gives byte-identical files; malformed results
 * throw a TypeError naming the bad field.
 */
export async function buildReport(input: ReportInput): Promise<ReportFiles> {
  const page = reportPage(input, browserLibraries());
  const files: ReportFiles = new Map();
  files.set('report.html', page.html);
  if (input.images === false) return files;
  files.set('summary.xlsx', await summaryXlsx(input, page));
  files.set('financial-years.csv', financialYearsCsv(page.financialYears));
  for (const { name, spec } of page.charts) {
    const svg = await renderSvg(spec, input.vegaTemplates);
    files.set(`charts/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    files.set(`charts/${name}.svg`, svg);
    if (input.png === true) files.set(`charts/${name}.png`, renderPng(svg));
  }
  return files;
}
