import { AGE_BAND_COUNT, AGE_BANDS } from '../domain/age-bands.js';
import { ENTRY_CELL_COUNT, ROUTE_COUNT, entryCell } from '../domain/cells.js';
import { SUPPORTED, isOpenToBand } from '../domain/eligibility.js';
import { ENTRY_ROUTES, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { NEED_COUNT, NEED_IDS } from '../domain/types-of-care.js';
import { ParameterError } from '../parameter-error.js';
import { AGE_BAND, NEED, ROUTE } from './ids-and-targets.js';
import { optionalNumber, optionalRecord, requireId, requireRate, requireRecord, requireWeights } from './validation.js';

/** `entries:` and `uasc:` read and checked. */
export interface Entries {
  /** Arrivals per year of each entry cell before the trend. */
  baseEntryPerYear: Float64Array;
  trendPerYear: number;
  /** Per age band: route weights (initial population routes). */
  routeWeights: number[][];
  maleShare: number;
  uascMaleShare: number;
  /** [uasc][ageBand]: weights of the first need (categories, then types of care). */
  firstNeed: number[][][];
  /** [uasc][ageBand]: weights by category, each type of care's weight on its first provider. */
  firstPlacement: number[][][];
}

export const sum = (a: readonly number[]): number => a.reduce((x, y) => x + y, 0);

const normalise = (w: readonly number[]): number[] => {
  const t = sum(w);
  return Array.from(w, (x) => (t > 0 ? x / t : 0));
};

/**
 * `entries:` and `uasc:`. `providers` (per need) says which needs are open to under-16s: a need whose
 * providers are all supported accommodation is 16+ only.
 */
export function readEntries(p: Record<string, unknown>, warnings: string[], providers: readonly number[][]): Entries {
  const entries = requireRecord(p['entries'], 'entries');
  const entryPerYear = requireWeights(entries['perYear'], AGE_BANDS, 'entries.perYear', AGE_BAND, 'entries per year of zero or more');
  const trendPerYear = optionalNumber(entries['trendPerYear'], 'entries.trendPerYear', 0, -0.99, 10, 'a yearly proportional change above -1');
  const routeShares = requireWeights(entries['routeShares'], ENTRY_ROUTES, 'entries.routeShares', ROUTE);
  const byBand = optionalRecord(entries['routeSharesByAgeBand'], 'entries.routeSharesByAgeBand');
  const routeWeights: number[][] = Array.from(AGE_BANDS, () => routeShares);
  for (const [k, v] of Object.entries(byBand)) {
    if (v === undefined) continue;
    const b = requireId(k, AGE_BANDS, `entries.routeSharesByAgeBand.${k}`, AGE_BAND);
    routeWeights[b] = requireWeights(v, ENTRY_ROUTES, `entries.routeSharesByAgeBand.${k}`, ROUTE);
  }
  const maleShare = optionalNumber(entries['maleShare'], 'entries.maleShare', 0.55, 0, 1, 'a share between 0 and 1');
  const firstNeed: number[][][] = [Array.from(AGE_BANDS, () => Array.from(NEED_IDS, () => 0)), Array.from(AGE_BANDS, () => Array.from(NEED_IDS, () => 0))];
  const readFirstPlacement = (v: unknown, path: string, u: number): void => {
    for (const [k, w] of Object.entries(requireRecord(v, path))) {
      if (w === undefined) continue;
      const b = requireId(k, AGE_BANDS, `${path}.${k}`, AGE_BAND);
      const weights = requireWeights(w, NEED_IDS, `${path}.${k}`, NEED);
      for (let n = 0; n < NEED_COUNT; n++) {
        if (weights[n]! > 0 && !isOpenToBand(SUPPORTED, b) && providers[n]!.every((c) => c === SUPPORTED)) {
          warnings.push(`${path}.${k}.${NEED_IDS[n]}: supported accommodation is open to 16+ only; ignored for age band ${k}`);
          weights[n] = 0;
        }
      }
      firstNeed[u]![b] = weights;
    }
  };
  readFirstPlacement(entries['firstPlacement'], 'entries.firstPlacement', 0);
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    if (entryPerYear[b]! > 0) {
      if (!(sum(firstNeed[0]![b]!) > 0)) {
        throw new ParameterError(`entries.firstPlacement.${AGE_BANDS[b]}`, 'expected placement weights for an age band with entries');
      }
      if (!(sum(routeWeights[b]!) > 0)) {
        throw new ParameterError(byBand[AGE_BANDS[b]!] ? `entries.routeSharesByAgeBand.${AGE_BANDS[b]}` : 'entries.routeShares', 'expected at least one positive route share');
      }
    }
  }

  // UASC.
  let uascPerYear = 0;
  let uascMaleShare = 0.9;
  const uascBandShares = Array.from(AGE_BANDS, () => 0);
  let uascRouteShares: number[] = Array.from(ENTRY_ROUTES, (r) => (r === 'section20' ? 1 : 0));
  if (p['uasc'] !== undefined) {
    const uasc = requireRecord(p['uasc'], 'uasc');
    uascPerYear = requireRate(uasc['perYear'], 'uasc.perYear', 'arrivals per year');
    uascMaleShare = optionalNumber(uasc['maleShare'], 'uasc.maleShare', 0.9, 0, 1, 'a share between 0 and 1');
    const shares = requireWeights(uasc['ageBandShares'], AGE_BANDS, 'uasc.ageBandShares', AGE_BAND);
    if (uascPerYear > 0 && !(sum(shares) > 0)) throw new ParameterError('uasc.ageBandShares', 'expected at least one positive share');
    const total = sum(shares);
    for (let b = 0; b < AGE_BAND_COUNT; b++) uascBandShares[b] = total > 0 ? shares[b]! / total : 0;
    if (uasc['routeShares'] !== undefined) {
      uascRouteShares = requireWeights(uasc['routeShares'], ENTRY_ROUTES, 'uasc.routeShares', ROUTE);
      if (!(sum(uascRouteShares) > 0)) throw new ParameterError('uasc.routeShares', 'expected at least one positive share');
    }
    readFirstPlacement(uasc['firstPlacement'], 'uasc.firstPlacement', 1);
    for (let b = 0; b < AGE_BAND_COUNT; b++) {
      if (uascPerYear > 0 && uascBandShares[b]! > 0 && !(sum(firstNeed[1]![b]!) > 0)) {
        throw new ParameterError(`uasc.firstPlacement.${AGE_BANDS[b]}`, 'expected placement weights for an age band with UASC arrivals');
      }
    }
  }
  const baseEntryPerYear = new Float64Array(ENTRY_CELL_COUNT);
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    const rw = normalise(routeWeights[b]!);
    const uw = normalise(uascRouteShares);
    for (let r = 0; r < ROUTE_COUNT; r++) {
      baseEntryPerYear[entryCell(0, b, r)] = entryPerYear[b]! * rw[r]!;
      baseEntryPerYear[entryCell(1, b, r)] = uascPerYear * uascBandShares[b]! * uw[r]!;
    }
  }
  const byCategory = Array.from(firstNeed, (byBand) =>
    Array.from(byBand, (w) => {
      const out = Array.from(PLACEMENT_CATEGORIES, () => 0);
      w.forEach((x, n) => (out[providers[n]![0]!] = out[providers[n]![0]!]! + x));
      return out;
    }),
  );
  return { baseEntryPerYear, trendPerYear, routeWeights, maleShare, uascMaleShare, firstNeed, firstPlacement: byCategory };
}
