import { browserLibraries } from './assets.js';
import { financialYearsCsv } from '../tables/csv.js';
import { renderPng } from './png.js';
import { reportPage, summaryXlsx, type ReportInput } from './report-page.js';
import { renderSvg } from './svg.js';

export type { ReportInput } from './report-page.js';

/**
 * Report files by path relative to the output folder: `report.html`, `summary.xlsx`, `financial-years.csv`
 * and `charts/<name>.{svg,vl.json}` (and `.png` with `png: true`); text files as strings, or as their
 * UTF-8 bytes with `utf8: true`.
 */
export type ReportFiles = Map<string, string | Uint8Array>;

/**
 * A text file as its UTF-8 bytes, made as soon as the text is: the text (a tree of pieces until it is
 * first written out) then dies young, instead of being copied by the collector's scavenges, and at last
 * promoted, while the rest of the report is drawn (session 20, cli README).
 */
const utf8Bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const asText = (text: string): string => text;

/**
 * Builds every report file in memory, writing nothing: the self-contained report.html and each chart as
 * Vega-Lite JSON and SVG, and as PNG when `input.png` is true. The same input always gives byte-identical files; malformed results
 * throw a TypeError naming the bad field.
 */
export async function buildReport(input: ReportInput): Promise<ReportFiles> {
  const page = reportPage(input, browserLibraries());
  const text = input.utf8 === true ? utf8Bytes : asText;
  const files: ReportFiles = new Map();
  files.set('report.html', text(page.html));
  if (input.images === false) return files;
  files.set('summary.xlsx', await summaryXlsx(input, page));
  files.set('financial-years.csv', text(financialYearsCsv(page.financialYears)));
  for (const { name, spec } of page.charts) {
    const svg = await renderSvg(spec, input.vegaTemplates);
    files.set(`charts/${name}.vl.json`, text(`${JSON.stringify(spec, null, 2)}\n`));
    files.set(`charts/${name}.svg`, text(svg));
    if (input.png === true) files.set(`charts/${name}.png`, renderPng(svg));
  }
  return files;
}
