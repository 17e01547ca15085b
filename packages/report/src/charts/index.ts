import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../rows.js';
import { byLeverSpec } from './by-lever.js';
import { careLeaversSpec } from './care-leavers.js';
import { costAvoidedSpec } from './cost-avoided.js';
import { costByYearSpec } from './cost-by-year.js';
import { entriesSpec } from './entries.js';
import { exitsByReasonSpec } from './exits-by-reason.js';
import { inCareByAgeSpec } from './in-care-by-age.js';
import { inCareByCategorySpec } from './in-care-by-category.js';
import { inCareFanSpec } from './in-care-fan.js';
import { outOfAreaShareSpec } from './out-of-area-share.js';
import { outOfPreferenceSpec } from './out-of-preference.js';
import { perScenario } from './per-scenario.js';
import { scenarioComparisonSpec } from './scenario-comparison.js';
import { sufficiencySpec } from './sufficiency.js';

/** A chart builder: a spec from the report's data, or undefined when the results lack its rows. */
export type ChartBuilder = (data: ReportData) => TopLevelSpec | undefined;

/** Every chart of a report, in reading order, by the file name its outputs get under `charts/`. */
export const CHART_BUILDERS: readonly { readonly name: string; readonly caption: string; readonly build: ChartBuilder }[] = [
  { name: 'in-care-fan', caption: 'Total children in care at each month end: the line is the mean of the replications, the bands hold the middle 50% and 90% of them; in a comparison, one line and 5-95% band per scenario.', build: inCareFanSpec },
  { name: 'in-care-by-category', caption: 'Mean children in care by placement category, stacked; the dashed line marks the start of the projection.', build: (d) => perScenario(d, inCareByCategorySpec) },
  { name: 'in-care-by-age', caption: 'Mean children in care by age band (under 1, 1 to 4, 5 to 9, 10 to 15, 16 to 17), stacked; the dashed line marks the start of the projection.', build: (d) => perScenario(d, inCareByAgeSpec) },
  { name: 'scenario-comparison', caption: "Each scenario's mean children in care against the baseline, and the difference from the baseline (mean) with its spread across paired replications.", build: scenarioComparisonSpec },
  { name: 'cost-by-year', caption: 'Placement cost per financial year (April to March) by category: sums of the mean monthly cost.', build: (d) => perScenario(d, costByYearSpec) },
  { name: 'cost-avoided', caption: 'Running total of placement cost avoided against the baseline; above zero the scenario costs less.', build: costAvoidedSpec },
  { name: 'by-lever', caption: "What each lever adds, levers added one at a time in the scenario file's order on common random numbers: the change in children in care at the horizon and the money saved over it (net of lever costs when the results hold them).", build: byLeverSpec },
  { name: 'sufficiency', caption: 'For each placement type with limited places: children wanting it (occupied plus waiting) against the places available.', build: sufficiencySpec },
  { name: 'out-of-preference', caption: 'Children placed in another type because the one they needed was full, per year, and children still waiting for it.', build: (d) => perScenario(d, outOfPreferenceSpec) },
  { name: 'entries', caption: 'Children entering care per financial year.', build: (d) => perScenario(d, entriesSpec) },
  { name: 'exits-by-reason', caption: 'Children leaving care per financial year by reason.', build: (d) => perScenario(d, exitsByReasonSpec) },
  { name: 'care-leavers', caption: 'Mean care leavers (aged 18 to the end age, 21 by default) by accommodation, stacked; staying put holds in-house foster places.', build: (d) => perScenario(d, careLeaversSpec) },
  { name: 'out-of-area-share', caption: "Share of children in care who are placed outside the authority's area.", build: outOfAreaShareSpec },
];

/** A named chart spec. */
export interface NamedChart {
  readonly name: string;
  /** One sentence saying what the chart shows, for captions and screen readers. */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

/** The specs of every chart the data support, in reading order. */
export function buildCharts(data: ReportData): NamedChart[] {
  return CHART_BUILDERS.flatMap(({ name, caption, build }) => {
    const spec = build(data);
    return spec ? [{ name, caption, spec: { description: caption, ...spec } as TopLevelSpec }] : [];
  });
}
