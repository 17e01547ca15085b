import { AGE_BANDS } from '../model/domain/age-bands.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../model/domain/ids.js';
import { CARE_LEAVER_CATEGORIES } from '../model/domain/series-keys.js';
import { FLOW_METRICS, STOCK_METRICS, type Metric } from './types.js';

/** Metrics in the order of docs/contract.md's table: the order rows are written in. */
export const METRIC_ORDER: readonly Metric[] = [
  'in_care',
  'in_care_by_age',
  'in_care_uasc',
  'entries',
  'entries_by_age',
  'entries_uasc',
  'exits',
  'exits_from',
  'moves',
  'capacity',
  'occupied',
  'vacancies',
  'capacity_gap',
  'households',
  'households_recruited',
  'households_deregistered',
  'placed_out_of_preference',
  'waiting',
  'out_of_area',
  'cost',
  'lever_cost',
  'care_leavers',
  'care_leavers_by_age',
  'staying_put',
  'staying_put_places_held',
  'care_leaver_entries',
  'care_leaver_moves_in',
  'care_leaver_moves_out',
  'care_leaver_exits',
  'care_leaver_cost',
];

const stockMetrics: ReadonlySet<string> = new Set(STOCK_METRICS);
const flowMetrics: ReadonlySet<string> = new Set(FLOW_METRICS);

/** True for metrics measured at an instant (the first value is the initial stock at `start`). */
export const isStockMetric = (metric: string): boolean => stockMetrics.has(metric);

/** True for metrics that count events in the month ending on the row's date. */
export const isFlowMetric = (metric: string): boolean => flowMetrics.has(metric);

/** A `metric|category` series key split into its parts; throws on a metric outside docs/contract.md. */
export function parseSeriesKey(key: string): { metric: Metric; category: string } {
  const bar = key.indexOf('|');
  const metric = bar < 0 ? key : key.slice(0, bar);
  if (bar < 0 || !(stockMetrics.has(metric) || flowMetrics.has(metric))) {
    throw new Error(`series key "${key}" is not "<metric>|<category>" with a metric of docs/contract.md`);
  }
  return { metric: metric as Metric, category: key.slice(bar + 1) };
}

const UNKNOWN = 1_000_000;
const placementRank = (c: string): number => {
  const i = (PLACEMENT_CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? UNKNOWN : i;
};

/** Sort rank of a category within a metric: fixed id order, `from->to` by both ends, `total` last. */
function categoryRank(metric: string, category: string): number {
  if (category === 'total') return 2 * UNKNOWN * UNKNOWN;
  const arrow = category.indexOf('->');
  if (arrow >= 0) {
    return placementRank(category.slice(0, arrow)) * (UNKNOWN + 1) + placementRank(category.slice(arrow + 2));
  }
  if (metric === 'exits') {
    const i = (EXIT_REASONS as readonly string[]).indexOf(category);
    return i < 0 ? UNKNOWN * UNKNOWN : i;
  }
  const careLeaverIds = CARE_LEAVER_CATEGORIES[metric as Metric];
  if (careLeaverIds) {
    const i = careLeaverIds.indexOf(category);
    return i < 0 ? UNKNOWN * UNKNOWN : i;
  }
  if (metric === 'in_care_by_age' || metric === 'entries_by_age') {
    const i = (AGE_BANDS as readonly string[]).indexOf(category);
    return i < 0 ? UNKNOWN * UNKNOWN : i;
  }
  const r = placementRank(category);
  return r === UNKNOWN ? UNKNOWN * UNKNOWN : r;
}

/** Orders series keys by metric (docs/contract.md order), then category (id order, `total` last). */
export function compareSeriesKeys(a: string, b: string): number {
  const ka = parseSeriesKey(a);
  const kb = parseSeriesKey(b);
  const m = METRIC_ORDER.indexOf(ka.metric) - METRIC_ORDER.indexOf(kb.metric);
  if (m !== 0) return m;
  const c = categoryRank(ka.metric, ka.category) - categoryRank(kb.metric, kb.category);
  if (c !== 0) return c;
  return ka.category < kb.category ? -1 : ka.category > kb.category ? 1 : 0;
}
