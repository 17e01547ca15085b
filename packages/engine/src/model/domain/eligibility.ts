import { AGE_BAND_START_YEARS, ageBandIndex } from './age-bands.js';
import { PLACEMENT_CATEGORIES, type PlacementCategory } from './ids.js';

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
