import { AGE_BAND_START_YEARS, ageBandIndex } from './age-bands.js';
import { EXIT_TARGET_OFFSET, typeTarget } from './cells.js';
import { PLACEMENT_CATEGORIES, type PlacementCategory } from './ids.js';
import { TYPES_OF_CARE } from './types-of-care.js';

/** Categories open only to children aged 16 or over: supported accommodation. */
export const SIXTEEN_PLUS_ONLY: ReadonlySet<PlacementCategory> = new Set(['supported']);

/** Index of `supported`, the one category open to 16+ only. */
export const SUPPORTED = PLACEMENT_CATEGORIES.indexOf('supported');

/** Age in whole years from which supported accommodation is open. */
export const SUPPORTED_FROM_AGE_YEARS = AGE_BAND_START_YEARS['16-17'];

/** First age band index (16-17) in which supported accommodation is open. */
export const SIXTEEN_PLUS_BAND = ageBandIndex('16-17');

/** True when category index `category` is open to a child of age band index `band`. */
export function isOpenToBand(category: number, band: number): boolean {
  return category !== SUPPORTED || band >= SIXTEEN_PLUS_BAND;
}

/** Target code of the type of care `supported_accommodation`, open to 16+ only like its category. */
const SUPPORTED_TYPE_TARGET = typeTarget(TYPES_OF_CARE.indexOf('supported_accommodation'));

/**
 * True when a move target (a category, an exit or a type of care; `domain/cells.ts` codes) is open to
 * age band `band`: exits always; supported accommodation, as a category or a type of care, from 16.
 */
export function isTargetOpenToBand(code: number, band: number): boolean {
  if (code < EXIT_TARGET_OFFSET) return isOpenToBand(code, band);
  return code !== SUPPORTED_TYPE_TARGET || band >= SIXTEEN_PLUS_BAND;
}
