import {
  AGE_BANDS,
  type AgeBand,
  type AgeOutReason,
  type ExitReason,
  type ModelParameters,
  type ParameterUncertainty,
  type PlacementCategory,
  type TypeOfCare,
} from '@carecast/engine';
import type { EntryEvidence } from './calibrate.js';
import type { CALIBRATED_TYPES } from './types-of-care.js';

// The posteriors of the entry rates and shares calibrate estimates, from the same counts: entries per year
// Gamma(entries, years) (the posterior under the scale-invariant prior, mean = entries / years, the
// estimate); shares Dirichlet(counts) over the keys with a share (mean = the observed shares). Hazards
// carry theirs on each row (calibrate.ts, main-effects-prior.ts `cellPosterior`).

interface Counts {
  nonUasc: readonly EntryEvidence[];
  uasc: readonly EntryEvidence[];
  years: number;
  entriesBySex: { male: number; female: number };
  uascEntriesBySex: { male: number; female: number };
  ageOut: Partial<Record<ExitReason, number>>;
}

/** The `uncertainty` section for `p` (after types of care are merged into its first placements). */
export function entryUncertainty(p: ModelParameters, c: Counts, types: typeof CALIBRATED_TYPES): ParameterUncertainty {
  const typeOf = new Map<PlacementCategory, TypeOfCare>();
  for (const t of types) for (const cat of t.providers) typeOf.set(cat, t.type);
  const count = (entries: readonly EntryEvidence[], keep: (e: EntryEvidence) => boolean) => entries.reduce((s, e) => s + (keep(e) ? e.count : 0), 0);
  const entries: NonNullable<ParameterUncertainty['entries']> = {};

  const perYear: NonNullable<typeof entries.perYear> = {};
  for (const band of AGE_BANDS) {
    const n = count(c.nonUasc, (e) => e.ageBand === band);
    if (n > 0 && (p.entries.perYear[band] ?? 0) > 0) perYear[band] = { shape: n, rate: c.years };
  }
  if (Object.keys(perYear).length > 0) entries.perYear = perYear;
  const routes = dirichlet(p.entries.routeShares, (r) => count(c.nonUasc, (e) => e.route === r));
  if (routes) entries.routeShares = routes;
  const byBand: NonNullable<typeof entries.routeSharesByAgeBand> = {};
  for (const [band, shares] of Object.entries(p.entries.routeSharesByAgeBand ?? {}) as [AgeBand, Record<string, number>][]) {
    const d = dirichlet(shares, (r) => count(c.nonUasc, (e) => e.ageBand === band && e.route === r));
    if (d) byBand[band] = d;
  }
  if (Object.keys(byBand).length > 0) entries.routeSharesByAgeBand = byBand;
  const first = firstPlacements(p.entries.firstPlacement, c.nonUasc, typeOf);
  if (first) entries.firstPlacement = first;
  const sex = dirichlet({ male: p.entries.maleShare ?? 0.55, female: 1 - (p.entries.maleShare ?? 0.55) }, (k) => c.entriesBySex[k as 'male' | 'female']);
  if (sex && c.entriesBySex.male + c.entriesBySex.female > 0) entries.sex = sex;

  const out: ParameterUncertainty = {};
  if (Object.keys(entries).length > 0) out.entries = entries;
  if (p.uasc) {
    const u: NonNullable<ParameterUncertainty['uasc']> = {};
    const n = count(c.uasc, () => true);
    if (n > 0 && p.uasc.perYear > 0) u.perYear = { shape: n, rate: c.years };
    const bands = dirichlet(p.uasc.ageBandShares, (b) => count(c.uasc, (e) => e.ageBand === b));
    if (bands) u.ageBandShares = bands;
    const uFirst = firstPlacements(p.uasc.firstPlacement, c.uasc, typeOf);
    if (uFirst) u.firstPlacement = uFirst;
    const m = p.uasc.maleShare ?? 0.9;
    const uSex = dirichlet({ male: m, female: 1 - m }, (k) => c.uascEntriesBySex[k as 'male' | 'female']);
    if (uSex && c.uascEntriesBySex.male + c.uascEntriesBySex.female > 0) u.sex = uSex;
    if (Object.keys(u).length > 0) out.uasc = u;
  }
  const ageOut = dirichlet(p.ageOut, (r) => c.ageOut[r as AgeOutReason] ?? 0);
  if (ageOut) out.ageOut = ageOut;
  return out;
}

/**
 * Dirichlet concentrations: the count behind each key with a positive share; undefined when a key with a
 * share has no count (a default, not an estimate) or nothing is uncertain (one key).
 */
function dirichlet(shares: Partial<Record<string, number>>, countOf: (key: string) => number): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const [k, w] of Object.entries(shares)) {
    if (!(w !== undefined && w > 0)) continue;
    const n = countOf(k);
    if (!(n > 0)) return undefined;
    out[k] = n;
  }
  return Object.keys(out).length > 1 ? out : undefined;
}

/** First-placement concentrations per age band with entries of its own (the counts behind its weights, types of care merged). */
function firstPlacements(
  weights: Partial<Record<AgeBand, Partial<Record<string, number>>>>,
  entries: readonly EntryEvidence[],
  typeOf: ReadonlyMap<PlacementCategory, TypeOfCare>,
): Partial<Record<AgeBand, Record<string, number>>> | undefined {
  const out: Partial<Record<AgeBand, Record<string, number>>> = {};
  for (const band of AGE_BANDS) {
    const w = weights[band];
    const inBand = entries.filter((e) => e.ageBand === band);
    if (!w || inBand.length === 0) continue;
    const d = dirichlet(w, (key) => inBand.reduce((s, e) => s + ((typeOf.get(e.category) ?? e.category) === key ? e.count : 0), 0));
    if (d) out[band] = d;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
