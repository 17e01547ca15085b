export { buildReport, type ReportInput, type ReportFiles } from './render/build-report.js';
export { checkResults } from './render/check-results.js';
export { renderSvg } from './render/svg.js';
export { chartTemplates } from './render/chart-templates.js';
export type { VegaTemplates } from './render/vega-templates.js';
export { usePrecompiledExpressions, precompiledExpressionsModule, type PrecompiledExpressions } from './render/expression-cache.js';
export { renderPng } from './render/png.js';
export { compileSpec, type Compiled } from './render/compile.js';
export { keyNumbers, meanAndRange, type KeyNumbers, type KeyBlock, type KeyRow, type KeyColumn } from './render/key-numbers.js';
export { keyNumbersText, savingsText, textTable } from './render/text-table.js';
export { fontFiles } from './render/fonts.js';
export { buildCharts, CHART_BUILDERS, type ChartBuilder, type NamedChart } from './charts/index.js';
export { inCareFanSpec } from './charts/in-care-fan.js';
export { inCareByCategorySpec } from './charts/in-care-by-category.js';
export { inCareByAgeSpec } from './charts/in-care-by-age.js';
export { scenarioComparisonSpec } from './charts/scenario-comparison.js';
export { costByYearSpec } from './charts/cost-by-year.js';
export { costAvoidedSpec } from './charts/cost-avoided.js';
export { byLeverSpec } from './charts/by-lever.js';
export { sufficiencySpec } from './charts/sufficiency.js';
export { outOfPreferenceSpec } from './charts/out-of-preference.js';
export { entriesSpec } from './charts/entries.js';
export { exitsByReasonSpec } from './charts/exits-by-reason.js';
export { outOfAreaShareSpec } from './charts/out-of-area-share.js';
export { backtestChartSpec, backtestChartFiles, type BacktestChartInput, type BacktestWindow } from './charts/backtest.js';
export {
  CATEGORY_SWATCHES,
  EXIT_REASON_SWATCHES,
  AGE_BAND_SWATCHES,
  BASELINE_COLOUR,
  SCENARIO_COLOURS,
  swatchOf,
  type Swatch,
  type SwatchKind,
} from './palette.js';
export { CHART_CONFIG, FONT_FAMILY } from './config.js';
export { financialYear, type ReportData } from './rows.js';
export {
  leverAttribution,
  byLeverOf,
  measureLabel,
  ATTRIBUTION_SCALE,
  type LeverAttribution,
  type LeverAttributionInput,
  type LeverMeasure,
  type LeverStep,
  type LeverStepRun,
} from './by-lever/attribution.js';
export { byLeverLines, byLeverText, BY_LEVER_NOTES, type ByLeverLine } from './by-lever/table.js';
export { assumptionsOf, uncertaintyInWords, type ScenarioAssumptions, type CapacityAssumption, type UncertaintyKinds } from './assumptions.js';
export { scenarioAssumptions, withResultsFields } from './results-fields.js';
export { financialYearTables, FY_LABELS, type FyTable, type FyRow, type FyCell, type FyColumn } from './tables/financial-years.js';
export { formatFyCell, formatGbpMillions } from './tables/format.js';
export { summarySentences } from './summary.js';
export { summaryWorkbook, FY_SHEET_COLUMNS, BY_LEVER_SHEET_COLUMNS, type WorkbookInput } from './render/workbook.js';
export { financialYearsCsv, UTF8_BOM } from './tables/csv.js';
export { chartTextAlternative } from './render/text-alternative.js';
export { responseCurveSpec, responseHeatmapSpec, settingTitle, type ResponsePoint, type ResponseAxis, type ResponseTarget } from './charts/response.js';
export { questionReportFiles, type QuestionReportInput } from './render/question-report.js';
export { rollingForecastSpec, rollingCoverageSpec, rollingCategories, type RollingChartInput } from './charts/rolling-backtest.js';
export { rollingReportFiles, type RollingReportInput, type PageTable } from './render/rolling-report.js';
