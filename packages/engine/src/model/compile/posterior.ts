import { AGE_BANDS } from '../domain/age-bands.js';
import { AGE_OUT_REASONS, ENTRY_ROUTES } from '../domain/ids.js';
import { NEED_IDS } from '../domain/types-of-care.js';
import { ParameterError } from '../parameter-error.js';
import type { DurationBands, HazardChange } from './hazard-tables.js';
import { readTransitionRates } from './hazard-tables.js';
import type { EpochInputs } from './epochs.js';
import { hazardChangesOn } from './epochs.js';
import { AGE_BAND, NEED, ROUTE } from './ids-and-targets.js';
import { rampShare } from './windows.js';
import { isRecord, requireArray, requireId, requireNumber, requireRecord, requireWeights } from './validation.js';

// Parameter uncertainty (`ModelParameters.uncertainty` and `transitions.rates[i].uncertainty`) read and
// checked into a plan that posterior-draws.ts turns into one replication's rates.

/** Relative tolerance between a Gamma posterior's mean (shape / rate) and the rate it describes. */
export const GAMMA_MEAN_TOLERANCE = 0.05;
/** Absolute tolerance between a Dirichlet's mean shares (alpha / Σalpha) and the normalised shares. */
export const DIRICHLET_MEAN_TOLERANCE = 0.05;

/** A rate drawn as `perYear · G / shape`, G ~ Gamma(shape, 1): mean perYear, relative variance 1 / shape. */
export interface GammaDraw {
  perYear: number;
  shape: number;
}

/** Shares drawn proportional to weight_i · g_i / alpha_i, g_i ~ Gamma(alpha_i, 1), over `keys` in id order. */
export interface DirichletDraw {
  keys: string[];
  weights: number[];
  alpha: number[];
}

/** The sections of the parameters a replication redraws (shallow copies, filled by the setters). */
export interface DrawnSections {
  entries: Record<string, unknown>;
  uasc: Record<string, unknown> | undefined;
  ageOut: Record<string, unknown>;
}

export interface PosteriorPlan {
  /** Hazards per day of the rows taken as known, dense as `BaseHazards.rates`. */
  fixedRates: Float64Array;
  /** Rows with a posterior, in row order: where each adds its hazard (dense indices) and its Gamma. */
  hazardRows: { cells: Int32Array; draw: GammaDraw }[];
  /** Entry rates (non-UASC by age band in order, then UASC), each with where it goes. */
  entryRates: { draw: GammaDraw; set: (d: DrawnSections, perYear: number) => void }[];
  /** Shares in a fixed order, each with where its drawn weights go. */
  shares: { draw: DirichletDraw; set: (d: DrawnSections, weights: Record<string, number>) => void }[];
  /** The parameters' own sections the draws replace parts of. */
  entries: Record<string, unknown>;
  uasc: Record<string, unknown> | undefined;
  ageOut: Record<string, unknown>;
  /** Per epoch, the index of its hazard-modifier group; per group, the modifiers in force. */
  epochGroup: Int32Array;
  groupChanges: HazardChange[][];
  /** What the epochs were built from (entries are replaced by the drawn ones). */
  inputs: EpochInputs;
  /** Per need, its providers (for reading drawn first placements). */
  providers: readonly number[][];
}

const ENTRY_KEYS = ['perYear', 'routeShares', 'routeSharesByAgeBand', 'firstPlacement', 'sex'];
const UASC_KEYS = ['perYear', 'ageBandShares', 'firstPlacement', 'sex'];
const SEX = ['male', 'female'];

/**
 * Checks every posterior the parameters state (throwing ParameterError at its path) and returns the plan
 * of draws, or null when nothing is uncertain (the model then runs exactly as without the section).
 */
export function readPosterior(
  p: Record<string, unknown>,
  durations: DurationBands,
  epochDays: readonly number[],
  inputs: EpochInputs,
  providers: readonly number[][],
): PosteriorPlan | null {
  const hazardRows = readHazardRows(requireRecord(p['transitions'], 'transitions'), durations);
  const u = p['uncertainty'] === undefined ? {} : requireRecord(p['uncertainty'], 'uncertainty');
  for (const k of Object.keys(u)) {
    if (!['entries', 'uasc', 'ageOut'].includes(k)) throw new ParameterError(`uncertainty.${k}`, 'expected entries, uasc or ageOut');
  }
  const entries = requireRecord(p['entries'], 'entries');
  const uasc = p['uasc'] === undefined ? undefined : requireRecord(p['uasc'], 'uasc');
  const ageOut = requireRecord(p['ageOut'], 'ageOut');
  const entryRates: PosteriorPlan['entryRates'] = [];
  const shares: PosteriorPlan['shares'] = [];

  const ue = optional(u['entries'], 'uncertainty.entries', ENTRY_KEYS);
  const perYear = requireRecord(entries['perYear'], 'entries.perYear');
  const uePerYear = optional(ue['perYear'], 'uncertainty.entries.perYear');
  for (const band of Object.keys(uePerYear)) requireId(band, AGE_BANDS, `uncertainty.entries.perYear.${band}`, AGE_BAND);
  for (const band of AGE_BANDS) {
    if (uePerYear[band] === undefined) continue;
    const path = `uncertainty.entries.perYear.${band}`;
    const draw = readGamma(uePerYear[band], path, perYear[band], `entries.perYear.${band}`);
    entryRates.push({ draw, set: (d, x) => ((d.entries['perYear'] as Record<string, number>)[band] = x) });
  }
  if (ue['routeShares'] !== undefined) {
    const draw = readDirichlet(ue['routeShares'], 'uncertainty.entries.routeShares', ENTRY_ROUTES, ROUTE, entries['routeShares'], 'entries.routeShares');
    shares.push({ draw, set: (d, w) => (d.entries['routeShares'] = w) });
  }
  const byBand = optional(ue['routeSharesByAgeBand'], 'uncertainty.entries.routeSharesByAgeBand');
  for (const band of Object.keys(byBand)) requireId(band, AGE_BANDS, `uncertainty.entries.routeSharesByAgeBand.${band}`, AGE_BAND);
  for (const band of AGE_BANDS) {
    if (byBand[band] === undefined) continue;
    const given = isRecord(entries['routeSharesByAgeBand']) ? entries['routeSharesByAgeBand'][band] : undefined;
    const draw = readDirichlet(byBand[band], `uncertainty.entries.routeSharesByAgeBand.${band}`, ENTRY_ROUTES, ROUTE, given, `entries.routeSharesByAgeBand.${band}`);
    shares.push({ draw, set: (d, w) => ((d.entries['routeSharesByAgeBand'] as Record<string, unknown>)[band] = w) });
  }
  readFirstPlacements(ue['firstPlacement'], 'uncertainty.entries.firstPlacement', entries['firstPlacement'], 'entries.firstPlacement', shares, (d) => d.entries);
  if (ue['sex'] !== undefined) shares.push(readSex(ue['sex'], 'uncertainty.entries.sex', entries['maleShare'], 0.55, 'entries.maleShare', (d) => d.entries));

  const uu = optional(u['uasc'], 'uncertainty.uasc', UASC_KEYS);
  if (Object.keys(uu).length > 0 && uasc === undefined) throw new ParameterError('uncertainty.uasc', 'expected no UASC uncertainty without a uasc section');
  if (uasc !== undefined) {
    if (uu['perYear'] !== undefined) {
      const draw = readGamma(uu['perYear'], 'uncertainty.uasc.perYear', uasc['perYear'], 'uasc.perYear');
      entryRates.push({ draw, set: (d, x) => (d.uasc!['perYear'] = x) });
    }
    if (uu['ageBandShares'] !== undefined) {
      const draw = readDirichlet(uu['ageBandShares'], 'uncertainty.uasc.ageBandShares', AGE_BANDS, AGE_BAND, uasc['ageBandShares'], 'uasc.ageBandShares');
      shares.push({ draw, set: (d, w) => (d.uasc!['ageBandShares'] = w) });
    }
    readFirstPlacements(uu['firstPlacement'], 'uncertainty.uasc.firstPlacement', uasc['firstPlacement'], 'uasc.firstPlacement', shares, (d) => d.uasc!);
    if (uu['sex'] !== undefined) shares.push(readSex(uu['sex'], 'uncertainty.uasc.sex', uasc['maleShare'], 0.9, 'uasc.maleShare', (d) => d.uasc!));
  }
  if (u['ageOut'] !== undefined) {
    const draw = readDirichlet(u['ageOut'], 'uncertainty.ageOut', AGE_OUT_REASONS, 'a reason for leaving care at 18', ageOut, 'ageOut');
    shares.push({ draw, set: (d, w) => (d.ageOut = w) });
  }

  if (hazardRows.rows.length === 0 && entryRates.length === 0 && shares.length === 0) return null;
  const fixed = readTransitionRates({ ...requireRecord(p['transitions'], 'transitions'), rates: hazardRows.fixedRows }, durations, []);
  const { epochGroup, groupChanges } = hazardGroups(epochDays, inputs);
  return { fixedRates: fixed.rates, hazardRows: hazardRows.rows, entryRates, shares, entries, uasc, ageOut, epochGroup, groupChanges, inputs, providers };
}

/** An optional mapping with only the `keys` given (when given). */
function optional(v: unknown, path: string, keys?: readonly string[]): Record<string, unknown> {
  if (v === undefined) return {};
  const rec = requireRecord(v, path);
  if (keys) for (const k of Object.keys(rec)) if (!keys.includes(k)) throw new ParameterError(`${path}.${k}`, `expected one of ${keys.join(', ')}`);
  return rec;
}

/** Rows with `uncertainty`: their Gammas and the dense cells each adds to; the other rows as given. */
function readHazardRows(transitions: Record<string, unknown>, durations: DurationBands): { rows: PosteriorPlan['hazardRows']; fixedRows: unknown[] } {
  const rows: PosteriorPlan['hazardRows'] = [];
  const fixedRows: unknown[] = [];
  requireArray(transitions['rates'], 'transitions.rates').forEach((row, i) => {
    const r = requireRecord(row, `transitions.rates[${i}]`);
    if (r['uncertainty'] === undefined) {
      fixedRows.push(row);
      return;
    }
    const path = `transitions.rates[${i}]`;
    const draw = readGamma(r['uncertainty'], `${path}.uncertainty`, r['perYear'], `${path}.perYear`);
    // The cells the row adds to, exactly as the model reads it (the row alone; its warnings were given once).
    const alone = readTransitionRates({ ...transitions, rates: [{ ...r, perYear: 1 }] }, durations, []);
    const cells: number[] = [];
    alone.hasRow.forEach((has, k) => {
      if (has) cells.push(k);
    });
    rows.push({ cells: Int32Array.from(cells), draw });
  });
  return { rows, fixedRows };
}

/** A Gamma posterior `{ shape, rate }` at `path` of the rate at `ratePath`. */
function readGamma(v: unknown, path: string, rate: unknown, ratePath: string): GammaDraw {
  const g = requireRecord(v, path);
  for (const k of Object.keys(g)) if (k !== 'shape' && k !== 'rate') throw new ParameterError(`${path}.${k}`, 'expected shape and rate only');
  const shape = requireNumber(g['shape'], `${path}.shape`, Number.MIN_VALUE, Infinity, 'a Gamma shape greater than 0');
  const r = requireNumber(g['rate'], `${path}.rate`, Number.MIN_VALUE, Infinity, 'a Gamma rate greater than 0 (exposure: child-years, or years for entries)');
  const perYear = typeof rate === 'number' ? rate : NaN;
  if (!(perYear > 0)) throw new ParameterError(path, `expected no uncertainty on a rate that is not positive (${ratePath} is ${String(rate)})`);
  const mean = shape / r;
  if (Math.abs(mean - perYear) > GAMMA_MEAN_TOLERANCE * perYear) {
    throw new ParameterError(
      path,
      `expected a posterior whose mean shape / rate (${mean.toPrecision(4)}) is within ${100 * GAMMA_MEAN_TOLERANCE}% of ${ratePath} (${perYear}); rate is the exposure (child-years, or years for entries)`,
    );
  }
  return { perYear, shape };
}

/** A Dirichlet `{ key: alpha }` at `path` over the shares at `sharesPath`: the same keys, means near the shares. */
function readDirichlet(v: unknown, path: string, ids: readonly string[], what: string, sharesValue: unknown, sharesPath: string): DirichletDraw {
  const rec = requireRecord(v, path);
  if (sharesValue === undefined) throw new ParameterError(path, `expected no concentrations: ${sharesPath} is not given`);
  const weights = requireWeights(sharesValue, ids, sharesPath, what);
  const alphaById = Array.from(ids, () => 0);
  for (const [k, a] of Object.entries(rec)) {
    const i = requireId(k, ids, `${path}.${k}`, what);
    alphaById[i] = requireNumber(a, `${path}.${k}`, Number.MIN_VALUE, Infinity, 'a Dirichlet concentration greater than 0');
    if (!(weights[i]! > 0)) throw new ParameterError(`${path}.${k}`, `expected concentrations only for the keys with a share in ${sharesPath} (${k} has none)`);
  }
  const missing = ids.filter((id, i) => weights[i]! > 0 && !(alphaById[i]! > 0));
  if (missing.length > 0) throw new ParameterError(path, `expected a concentration for every key with a share in ${sharesPath}; missing ${missing.join(', ')}`);
  const keys: string[] = [];
  const w: number[] = [];
  const alpha: number[] = [];
  ids.forEach((id, i) => {
    if (weights[i]! > 0) {
      keys.push(id);
      w.push(weights[i]!);
      alpha.push(alphaById[i]!);
    }
  });
  const tw = w.reduce((a, b) => a + b, 0);
  const ta = alpha.reduce((a, b) => a + b, 0);
  keys.forEach((k, j) => {
    const mean = alpha[j]! / ta;
    if (Math.abs(mean - w[j]! / tw) > DIRICHLET_MEAN_TOLERANCE) {
      throw new ParameterError(
        `${path}.${k}`,
        `expected concentrations in proportion to the shares: alpha / Σalpha = ${mean.toFixed(3)}, the share in ${sharesPath} is ${(w[j]! / tw).toFixed(3)} (at most ${DIRICHLET_MEAN_TOLERANCE} apart)`,
      );
    }
  });
  return { keys, weights: w, alpha };
}

function readFirstPlacements(
  v: unknown,
  path: string,
  given: unknown,
  givenPath: string,
  shares: PosteriorPlan['shares'],
  section: (d: DrawnSections) => Record<string, unknown>,
): void {
  const rec = optional(v, path);
  for (const band of Object.keys(rec)) requireId(band, AGE_BANDS, `${path}.${band}`, AGE_BAND);
  for (const band of AGE_BANDS) {
    if (rec[band] === undefined) continue;
    const weights = isRecord(given) ? given[band] : undefined;
    const draw = readDirichlet(rec[band], `${path}.${band}`, NEED_IDS, NEED, weights, `${givenPath}.${band}`);
    shares.push({ draw, set: (d, w) => ((section(d)['firstPlacement'] as Record<string, unknown>)[band] = w) });
  }
}

/** `sex: { male, female }`: a Beta posterior of the male share, as a two-key Dirichlet. */
function readSex(
  v: unknown,
  path: string,
  maleShare: unknown,
  fallback: number,
  sharePath: string,
  section: (d: DrawnSections) => Record<string, unknown>,
): PosteriorPlan['shares'][number] {
  const m = maleShare === undefined ? fallback : requireNumber(maleShare, sharePath, 0, 1, 'a share between 0 and 1');
  const draw = readDirichlet(v, path, SEX, 'male or female', { male: m, female: 1 - m }, sharePath);
  return { draw, set: (d, w) => (section(d)['maleShare'] = (w['male'] ?? 0) / ((w['male'] ?? 0) + (w['female'] ?? 0))) };
}

/** Epochs grouped by the ramp shares of the hazard modifiers in force: one group, one modified table. */
function hazardGroups(epochDays: readonly number[], inputs: Pick<EpochInputs, 'modifiers'>): { epochGroup: Int32Array; groupChanges: HazardChange[][] } {
  const epochGroup = new Int32Array(epochDays.length);
  const groupChanges: HazardChange[][] = [];
  const byKey = new Map<string, number>();
  epochDays.forEach((day, i) => {
    const key = Array.from(inputs.modifiers.hazards, (hm) => rampShare(hm.w, day)).join(',');
    let g = byKey.get(key);
    if (g === undefined) {
      g = groupChanges.length;
      byKey.set(key, g);
      groupChanges.push(hazardChangesOn(inputs, day));
    }
    epochGroup[i] = g;
  });
  return { epochGroup, groupChanges };
}
