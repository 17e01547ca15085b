import { AGE_BANDS } from '../domain/age-bands.js';
import { exitTarget, typeTarget } from '../domain/cells.js';
import { TYPES_OF_CARE } from '../domain/types-of-care.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { ParameterError } from '../parameter-error.js';
import { requireArray, requireId, requireRecord } from './validation.js';

/** What an id of each kind is called in messages. */
export const CATEGORY = 'a placement category';
export const AGE_BAND = 'an age band';
export const TYPE_OF_CARE = 'a type of care';
export const NEED = 'a type of care or a placement category';
export const ROUTE = 'an entry route';
export const EXIT = 'an exit reason';

/** Every age band index, for rows that name none. */
export const ALL_AGE_BANDS: readonly number[] = Array.from(AGE_BANDS, (_, b) => b);

/** The target code of `to` ({category}, {typeOfCare} or {exit}). */
export function targetCode(v: unknown, path: string): number {
  const rec = requireRecord(v, path);
  const given = ['category', 'typeOfCare', 'exit'].filter((k) => rec[k] !== undefined);
  if (given.length > 1) throw new ParameterError(path, `expected one of category, typeOfCare or exit, not ${given.join(' and ')}`);
  if (given[0] === 'category') return requireId(rec['category'], PLACEMENT_CATEGORIES, `${path}.category`, CATEGORY);
  if (given[0] === 'typeOfCare') return typeTarget(requireId(rec['typeOfCare'], TYPES_OF_CARE, `${path}.typeOfCare`, TYPE_OF_CARE));
  if (given[0] === 'exit') return exitTarget(requireId(rec['exit'], EXIT_REASONS, `${path}.exit`, EXIT));
  throw new ParameterError(path, 'expected {category: <placement category>}, {typeOfCare: <type of care>} or {exit: <exit reason>}');
}

/** Indices of a list of ids, or null when the list is absent (meaning all). */
export function idList(v: unknown, ids: readonly string[], path: string, what: string): number[] | null {
  if (v === undefined) return null;
  const arr = requireArray(v, path);
  return Array.from(arr, (x, i) => requireId(x, ids, `${path}[${i}]`, what));
}

/** 1 (UASC only), 0 (others only) or -1 (both) from an optional `uasc` flag. */
export function optionalUasc(v: unknown, path: string): number {
  if (v === undefined) return -1;
  if (typeof v !== 'boolean') throw new ParameterError(path, 'expected true or false');
  return v ? 1 : 0;
}
