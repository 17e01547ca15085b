import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from '../rows.js';
import { stackedInCareSpec } from './stacked-in-care.js';

/** Stacked area of the mean number of children in care (children) by placement category, with the start marked. */
export function inCareByCategorySpec(data: ReportData): TopLevelSpec | undefined {
  return stackedInCareSpec(data, {
    metric: 'in_care',
    kind: 'category',
    title: 'Children in care by placement category',
    subtitle: 'Mean number of children at each month end, stacked.',
    legendTitle: 'Placement category',
    hoverName: 'hover_in_care',
  });
}
