import type { EntryRoute, ExitReason, PlacementCategory } from '@carecast/engine';

const FOSTER_CODES = new Set(['U4', 'U5', 'U6']);
const RESIDENTIAL_CODES = new Set(['K2', 'R1', 'P3', 'S1']);
const FIXED_PLACE: ReadonlyMap<string, PlacementCategory> = new Map([
  ['U1', 'kinship_foster'],
  ['U2', 'kinship_foster'],
  ['U3', 'kinship_foster'],
  ['H5', 'supported'],
  ['P2', 'supported'],
  ['K3', 'supported'],
  ['Z11', 'supported'],
  ['Z12', 'supported'],
  ['Z13', 'supported'],
  ['Z14', 'supported'],
  ['K1', 'secure'],
  ['P1', 'placed_with_parents'],
  ['A3', 'adoption_placement'],
  ['A4', 'adoption_placement'],
  ['A5', 'adoption_placement'],
  ['A6', 'adoption_placement'],
  ['R2', 'other'],
  ['R3', 'other'],
  ['R5', 'other'],
  ['Z1', 'other'],
]);
const TEMPORARY = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
const IN_HOUSE_PROVIDERS = new Set(['PR1', 'PR2', 'PR3']);
const EXTERNAL_PROVIDERS = new Set(['PR4', 'PR5']);
const KNOWN_PROVIDERS = new Set(['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5', '']);

export interface PlaceMapping {
  category: PlacementCategory;
  /** T0-T4: a temporary placement that does not break the placement around it. */
  temporary: boolean;
  /** PLACE was not a known code (mapped to `other`). */
  unknownPlace: boolean;
  /** A fostering/residential code with provider PR0 or blank, mapped to the in-house row. */
  providerMissing: boolean;
  unknownProvider: boolean;
}

const mappingCache = new Map<string, Map<string, PlaceMapping>>();

/** Placement category of an SSDA903 PLACE + PLACE_PROVIDER pair (docs/domain.md §3 table). */
export function mapPlacement(place: string, provider: string): PlaceMapping {
  let byProvider = mappingCache.get(place);
  if (!byProvider) {
    byProvider = new Map();
    if (mappingCache.size < 10_000) mappingCache.set(place, byProvider);
  }
  let mapped = byProvider.get(provider);
  if (!mapped) {
    mapped = Object.freeze(computePlacement(place, provider));
    if (byProvider.size < 1_000) byProvider.set(provider, mapped);
  }
  return mapped;
}

function computePlacement(place: string, provider: string): PlaceMapping {
  const p = place.toUpperCase();
  const pr = provider.toUpperCase();
  const unknownProvider = !KNOWN_PROVIDERS.has(pr);
  const base = { temporary: false, unknownPlace: false, providerMissing: false, unknownProvider };
  if (FOSTER_CODES.has(p) || RESIDENTIAL_CODES.has(p)) {
    const foster = FOSTER_CODES.has(p);
    if (EXTERNAL_PROVIDERS.has(pr)) {
      return { ...base, category: foster ? 'ifa_foster' : 'external_residential' };
    }
    const providerMissing = !IN_HOUSE_PROVIDERS.has(pr);
    return { ...base, providerMissing, category: foster ? 'inhouse_foster' : 'inhouse_residential' };
  }
  const fixed = FIXED_PLACE.get(p);
  if (fixed) return { ...base, category: fixed };
  if (TEMPORARY.has(p)) return { ...base, category: 'other', temporary: true };
  return { ...base, category: 'other', unknownPlace: true };
}

const REC_MAP: ReadonlyMap<string, ExitReason> = new Map([
  ['E4A', 'reunification'],
  ['E4B', 'reunification'],
  ['E13', 'reunification'],
  ['E11', 'adoption'],
  ['E12', 'adoption'],
  ['E43', 'special_guardianship'],
  ['E44', 'special_guardianship'],
  ['E45', 'special_guardianship'],
  ['E46', 'special_guardianship'],
  ['E47', 'special_guardianship'],
  ['E48', 'special_guardianship'],
  ['E41', 'child_arrangements'],
  ['E5', 'independent_living'],
  ['E6', 'independent_living'],
  ['E17', 'staying_put'],
  ['E7', 'adult_care'],
  ['E3', 'transfer'],
  ['E2', 'other'],
  ['E8', 'other'],
  ['E9', 'other'],
  ['E14', 'other'],
  ['E15', 'other'],
  ['E16', 'other'],
]);

/** Exit reason of an SSDA903 REC code: `null` for X1 (a new episode starts the same day). */
export function mapReason(rec: string): { reason: ExitReason | null; unknown: boolean } {
  const r = rec.toUpperCase();
  if (r === 'X1') return { reason: null, unknown: false };
  const reason = REC_MAP.get(r);
  return reason ? { reason, unknown: false } : { reason: 'other', unknown: true };
}

const KNOWN_LS = new Set(['C1', 'C2', 'E1', 'D1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3']);
const KNOWN_RNE = new Set(['S', 'L', 'P', 'T', 'B', 'U']);

export const isKnownLegalStatus = (ls: string): boolean => KNOWN_LS.has(ls.toUpperCase());
export const isKnownRne = (rne: string): boolean => KNOWN_RNE.has(rne.toUpperCase());
/** V3/V4: series of short breaks, left out of care spells as the sector does. */
export const isShortBreak = (ls: string): boolean => ls === 'V3' || ls === 'V4';

/**
 * Entry route from a spell's legal statuses in order: care proceedings when the first is C1/C2, or
 * L1-L3 followed by C1; section 20 when the first is V2; else other.
 */
export function entryRoute(statuses: readonly string[]): EntryRoute {
  const first = statuses[0] ?? '';
  if (first === 'C1' || first === 'C2') return 'care_proceedings';
  if (first === 'V2') return 'section20';
  if (first === 'L1' || first === 'L2' || first === 'L3') {
    const next = statuses.find((s) => s !== 'L1' && s !== 'L2' && s !== 'L3');
    if (next === 'C1') return 'care_proceedings';
  }
  return 'other';
}
