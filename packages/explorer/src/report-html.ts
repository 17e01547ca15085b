import type { Results, SeriesRow } from '@carecast/engine';
import { reportPage, summaryXlsx, type ReportInput, type ReportPage } from '@carecast/report/browser';
import { browserLibraries } from './report-assets.js';

/** What the report downloads are built from: a comparison as `carecast compare` reports it. */
export interface ReportSource {
  results: Results;
  baseline?: Results;
  compare?: readonly SeriesRow[];
  leversInWords: readonly string[];
}

const pages = new WeakMap<ReportSource, ReportPage>();

function pageOf(source: ReportSource): { input: ReportInput; page: ReportPage } {
  const input: ReportInput = { ...source, images: false };
  let page = pages.get(source);
  if (!page) {
    page = reportPage(input, browserLibraries());
    pages.set(source, page);
  }
  return { input, page };
}

/** report.html as the command line builds it for the same results (the charts as files are left out). */
export function reportHtml(source: ReportSource): string {
  return pageOf(source).page.html;
}

/** summary.xlsx as the command line writes it beside report.html (the workbook writer loads on the first download). */
export function summaryWorkbook(source: ReportSource): Promise<Uint8Array> {
  const { input, page } = pageOf(source);
  return summaryXlsx(input, page);
}
