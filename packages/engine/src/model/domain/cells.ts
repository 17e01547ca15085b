import { AGE_BAND_COUNT } from './age-bands.js';
import { ENTRY_ROUTES, EXIT_REASONS, PLACEMENT_CATEGORIES } from './ids.js';
import { NEED_TYPE_OFFSET, TYPES_OF_CARE } from './types-of-care.js';

/** Placement categories, by index. */
export const CATEGORY_COUNT = PLACEMENT_CATEGORIES.length;
/** Entry routes, by index. */
export const ROUTE_COUNT = ENTRY_ROUTES.length;

/**
 * Transition target codes: category indices 0..9, then EXIT_TARGET_OFFSET + exit reason index, then
 * TYPE_TARGET_OFFSET + type of care index (a move to a type of care: its providers by availability).
 */
export const EXIT_TARGET_OFFSET = CATEGORY_COUNT;
export const TYPE_TARGET_OFFSET = CATEGORY_COUNT + EXIT_REASONS.length;
export const TARGET_COUNT = TYPE_TARGET_OFFSET + TYPES_OF_CARE.length;

/** Target code of exit reason index `reason`. */
export const exitTarget = (reason: number): number => EXIT_TARGET_OFFSET + reason;

/** Target code of type of care index `type`. */
export const typeTarget = (type: number): number => TYPE_TARGET_OFFSET + type;

/** True for an exit's target code (not a category, not a type of care). */
export const isExitTarget = (code: number): boolean => code >= EXIT_TARGET_OFFSET && code < TYPE_TARGET_OFFSET;

/** The need a move target asks for: the category itself, or the type of care's need code. */
export const targetNeed = (code: number): number => (code >= TYPE_TARGET_OFFSET ? NEED_TYPE_OFFSET + code - TYPE_TARGET_OFFSET : code);

/** Hazard cells [uasc][category][ageBand][durationBand]: the cells of a table with `durationBands` bands. */
export const hazardCellCount = (durationBands: number): number => 2 * CATEGORY_COUNT * AGE_BAND_COUNT * durationBands;

/** Dense cell index of [uasc][category][ageBand][durationBand]. */
export function hazardCell(uasc: number, category: number, ageBand: number, durationBand: number, durationBands: number): number {
  return ((uasc * CATEGORY_COUNT + category) * AGE_BAND_COUNT + ageBand) * durationBands + durationBand;
}

/** Category index of hazard cell `cell` (a table with `durationBands` bands). */
export function hazardCellCategory(cell: number, durationBands: number): number {
  return Math.floor(cell / (AGE_BAND_COUNT * durationBands)) % CATEGORY_COUNT;
}

/** Arrival cells: (uasc, age band, route). */
export const ENTRY_CELL_COUNT = 2 * AGE_BAND_COUNT * ROUTE_COUNT;

/** Entry cell index of (uasc, age band, route). */
export function entryCell(uasc: number, ageBand: number, route: number): number {
  return (uasc * AGE_BAND_COUNT + ageBand) * ROUTE_COUNT + route;
}

/** 1 when entry cell `k` is of unaccompanied asylum-seeking children, else 0. */
export const entryCellUasc = (k: number): number => (k >= ENTRY_CELL_COUNT / 2 ? 1 : 0);
/** Age band index of entry cell `k`. */
export const entryCellAgeBand = (k: number): number => Math.floor(k / ROUTE_COUNT) % AGE_BAND_COUNT;
/** Entry route index of entry cell `k`. */
export const entryCellRoute = (k: number): number => k % ROUTE_COUNT;
