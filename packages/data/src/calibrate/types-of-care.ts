import type { GammaPosterior, ModelParameters, PlacementCategory, TransitionRate, TypeOfCare, TypeOfCareSpec } from '@carecast/engine';
import type { EntryEvidence } from './calibrate.js';

/**
 * The types of care calibrate writes, each with its providers in order (in-house first). Observed first
 * placements and moves into either provider become demand for the type, so which provider takes a child
 * is decided by supply in the model (an outcome), not copied from the data (an input).
 */
export const CALIBRATED_TYPES: readonly { type: TypeOfCare; providers: readonly [PlacementCategory, PlacementCategory] }[] = [
  { type: 'family_foster_care', providers: ['inhouse_foster', 'ifa_foster'] },
  { type: 'residential_care', providers: ['inhouse_residential', 'external_residential'] },
];

/** For a move row naming a type of care: the provider categories whose observed moves it adds up (for its evidence comment). */
export const mergedProviders = new WeakMap<TransitionRate, PlacementCategory[]>();

/** Providers of the types of care the data support: both providers seen among first placements or move destinations. */
export function observedTypes(entries: readonly EntryEvidence[], rates: readonly TransitionRate[]): typeof CALIBRATED_TYPES {
  const seen = new Set<PlacementCategory>();
  for (const e of entries) if (e.count > 0) seen.add(e.category);
  for (const r of rates) if ('category' in r.to && r.perYear > 0) seen.add(r.to.category);
  return CALIBRATED_TYPES.filter((t) => t.providers.every((c) => seen.has(c)));
}

/**
 * Rewrites first-placement weights and move hazards to name types of care: a first placement in either
 * provider becomes the type (weights added), a move into either provider from outside the type becomes a
 * move to the type (hazards of rows with the same cells added, so every child's total hazard is kept).
 * Moves between the providers of one type stay category moves. Adds the provider orders to the supply.
 */
export function withTypesOfCare(p: ModelParameters, types: typeof CALIBRATED_TYPES): void {
  if (types.length === 0) return;
  const typeOf = new Map<PlacementCategory, TypeOfCare>();
  for (const t of types) for (const c of t.providers) typeOf.set(c, t.type);
  const merge = (weights: Partial<Record<string, number>> | undefined): void => {
    if (!weights) return;
    for (const [c, w] of Object.entries(weights)) {
      const type = typeOf.get(c as PlacementCategory);
      if (type === undefined || w === undefined) continue;
      delete weights[c];
      weights[type] = Math.round(((weights[type] ?? 0) + w) * 10000) / 10000;
    }
  };
  for (const w of Object.values(p.entries.firstPlacement)) merge(w);
  if (p.uasc) for (const w of Object.values(p.uasc.firstPlacement)) merge(w);

  const rows: TransitionRate[] = [];
  const byKey = new Map<string, TransitionRate>();
  for (const r of p.transitions.rates) {
    const type = 'category' in r.to ? typeOf.get(r.to.category) : undefined;
    if (type === undefined || typeOf.get(r.from) === type) {
      rows.push(r);
      continue;
    }
    const key = JSON.stringify([r.from, type, r.ageBands ?? null, r.durationBands ?? null, r.uasc ?? null]);
    const same = byKey.get(key);
    const provider = (r.to as { category: PlacementCategory }).category;
    if (same) {
      if (same.uncertainty && r.uncertainty) same.uncertainty = sumOfGammas(same.perYear, same.uncertainty, r.perYear, r.uncertainty);
      else delete same.uncertainty;
      same.perYear += r.perYear;
      mergedProviders.get(same)!.push(provider);
    } else {
      const row: TransitionRate = { ...r, to: { typeOfCare: type } };
      if (r.uncertainty) row.uncertainty = { ...r.uncertainty };
      byKey.set(key, row);
      mergedProviders.set(row, [provider]);
      rows.push(row);
    }
  }
  p.transitions.rates = rows;
  const typesOfCare: Partial<Record<TypeOfCare, TypeOfCareSpec>> = {};
  for (const t of types) typesOfCare[t.type] = { providers: [...t.providers], stepAcross: false };
  p.supply.typesOfCare = typesOfCare;
}

/**
 * The Gamma with the mean and variance of the sum of two independent rates with Gamma posteriors
 * (means m1, m2; variances m²/shape): a moment match, exact when both share one rate parameter.
 */
export function sumOfGammas(m1: number, g1: GammaPosterior, m2: number, g2: GammaPosterior): GammaPosterior {
  const mean = m1 + m2;
  const variance = (m1 * m1) / g1.shape + (m2 * m2) / g2.shape;
  return { shape: (mean * mean) / variance, rate: mean / variance };
}
