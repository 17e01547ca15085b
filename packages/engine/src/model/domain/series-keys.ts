import type { Metric } from '../../results/types.js';
import { AGE_BANDS } from './age-bands.js';
import { ACCOMMODATIONS, CARE_LEAVER_AGES, STAYING_PUT_CATEGORIES } from './care-leavers.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from './ids.js';

/** Category of a series summed over its metric's categories. */
export const TOTAL = 'total';

/** The one constructor of a series key: `metric|category`. */
export function seriesKey(metric: Metric, category: string): string {
  return `${metric}|${category}`;
}

/** Category of a `moves` series: `from->to` of two category indices. */
export function moveCategory(from: number, to: number): string {
  return `${PLACEMENT_CATEGORIES[from]}->${PLACEMENT_CATEGORIES[to]}`;
}

/** The care-leaver metrics and their categories (accommodations, ages: their own ids). */
const CARE_LEAVER_SERIES = {
  care_leavers: ACCOMMODATIONS,
  care_leavers_by_age: CARE_LEAVER_AGES,
  staying_put: STAYING_PUT_CATEGORIES,
  staying_put_places_held: ['inhouse_foster'],
  care_leaver_entries: ACCOMMODATIONS,
  care_leaver_moves_in: ACCOMMODATIONS,
  care_leaver_moves_out: ACCOMMODATIONS,
  care_leaver_exits: ACCOMMODATIONS,
  care_leaver_cost: ACCOMMODATIONS,
} as const satisfies Partial<Record<Metric, readonly string[]>>;

/**
 * The canonical key list: each metric's categories by index (a series then `total` follows them).
 * `moves` are `from->to` pairs (moveCategory); `out_of_area` has `total` only; `lever_cost`'s
 * categories are the scenario's lever labels.
 */
export const SERIES_CATEGORIES: Readonly<Record<Exclude<Metric, 'moves'>, readonly string[]>> = {
  in_care: PLACEMENT_CATEGORIES,
  in_care_by_age: AGE_BANDS,
  in_care_uasc: PLACEMENT_CATEGORIES,
  entries: PLACEMENT_CATEGORIES,
  entries_by_age: AGE_BANDS,
  entries_uasc: PLACEMENT_CATEGORIES,
  exits: EXIT_REASONS,
  exits_from: PLACEMENT_CATEGORIES,
  capacity: PLACEMENT_CATEGORIES,
  occupied: PLACEMENT_CATEGORIES,
  vacancies: PLACEMENT_CATEGORIES,
  capacity_gap: PLACEMENT_CATEGORIES,
  households: PLACEMENT_CATEGORIES,
  households_recruited: PLACEMENT_CATEGORIES,
  households_deregistered: PLACEMENT_CATEGORIES,
  placed_out_of_preference: PLACEMENT_CATEGORIES,
  waiting: PLACEMENT_CATEGORIES,
  out_of_area: [],
  cost: PLACEMENT_CATEGORIES,
  /** Lever labels, from the compiled model (`CompiledModel.leverCostLabels`). */
  lever_cost: [],
  ...CARE_LEAVER_SERIES,
};

/** The care-leaver metrics' categories (their own ids, not placement categories), for ordering rows. */
export const CARE_LEAVER_CATEGORIES: Readonly<Partial<Record<Metric, readonly string[]>>> = CARE_LEAVER_SERIES;
