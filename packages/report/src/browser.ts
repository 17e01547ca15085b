// @carecast/report/browser: the report's charts (the same Vega-Lite specs), report.html and
// summary.xlsx without the file system or native PNG rendering; nothing here imports Node. The caller
// gives vega, vega-lite and vega-embed as text for the page (the main entry reads them from node_modules).
export { buildCharts, CHART_BUILDERS, type ChartBuilder, type NamedChart } from './charts/index.js';
export type { ReportData } from './rows.js';
export { reportPage, summaryXlsx, type ReportInput, type ReportPage } from './render/report-page.js';
export type { BrowserLibraries } from './render/libraries.js';
export { scenarioAssumptions, withResultsFields } from './results-fields.js';
