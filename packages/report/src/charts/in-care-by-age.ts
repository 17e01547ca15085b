import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../rows.js';
import { stackedInCareSpec } from './stacked-in-care.js';

/** Stacked area of the mean number of children in care (children) by DfE age band, with the start marked. */
export function inCareByAgeSpec(data: ReportData): TopLevelSpec | undefined {
  return stackedInCareSpec(data, {
    metric: 'in_care_by_age',
    kind: 'age_band',
    title: 'Children in care by age band',
    subtitle: 'Mean number of children at each month end by age in years, stacked.',
    legendTitle: 'Age band (years)',
    hoverName: 'hover_in_care_by_age',
  });
}
