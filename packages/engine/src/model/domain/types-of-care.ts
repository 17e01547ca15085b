import { PLACEMENT_CATEGORIES, type PlacementCategory } from './ids.js';

/**
 * Types of care: what a child needs, as opposed to who provides it. Each type has an ordered list of
 * provider categories, tried in order (set per scenario in `supply.typesOfCare`).
 */
export const TYPES_OF_CARE = [
  'family_foster_care',
  'kinship_care',
  'residential_care',
  'supported_accommodation',
  'secure_care',
  'placement_with_parents',
  'other_care',
] as const;
export type TypeOfCare = (typeof TYPES_OF_CARE)[number];

/** Provider order of each type of care when the scenario sets none: in-house before external. */
export const DEFAULT_PROVIDERS: Readonly<Record<TypeOfCare, readonly PlacementCategory[]>> = {
  family_foster_care: ['inhouse_foster', 'ifa_foster'],
  kinship_care: ['kinship_foster'],
  residential_care: ['inhouse_residential', 'external_residential'],
  supported_accommodation: ['supported'],
  secure_care: ['secure'],
  placement_with_parents: ['placed_with_parents'],
  other_care: ['other'],
};

/**
 * Needs: what a first placement or a request names. Codes 0..9 are the placement categories (a row
 * naming a category means "this provider only", then its fallbacks); codes from NEED_TYPE_OFFSET are
 * the types of care (their providers in order).
 */
export const NEED_IDS: readonly string[] = [...PLACEMENT_CATEGORIES, ...TYPES_OF_CARE];
export const NEED_TYPE_OFFSET = PLACEMENT_CATEGORIES.length;
export const NEED_COUNT = NEED_IDS.length;

export const isTypeOfCare = (s: string): s is TypeOfCare => (TYPES_OF_CARE as readonly string[]).includes(s);
