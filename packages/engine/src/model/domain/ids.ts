/** Placement categories, in Carecast's fixed order (docs/domain.md §3). */
export const PLACEMENT_CATEGORIES = [
  'kinship_foster',
  'inhouse_foster',
  'ifa_foster',
  'inhouse_residential',
  'external_residential',
  'supported',
  'secure',
  'placed_with_parents',
  'adoption_placement',
  'other',
] as const;
export type PlacementCategory = (typeof PLACEMENT_CATEGORIES)[number];

/** Reasons a child leaves care (docs/domain.md §3). */
export const EXIT_REASONS = [
  'reunification',
  'adoption',
  'special_guardianship',
  'child_arrangements',
  'independent_living',
  'staying_put',
  'adult_care',
  'transfer',
  'other',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** How a child came into care. */
export const ENTRY_ROUTES = ['care_proceedings', 'section20', 'other'] as const;
export type EntryRoute = (typeof ENTRY_ROUTES)[number];

/** Exit reasons open to a child who reaches 18 in care. */
export const AGE_OUT_REASONS = ['independent_living', 'staying_put', 'adult_care'] as const;
export type AgeOutReason = (typeof AGE_OUT_REASONS)[number];

export const categoryIndex = (c: PlacementCategory): number => PLACEMENT_CATEGORIES.indexOf(c);
export const exitReasonIndex = (r: ExitReason): number => EXIT_REASONS.indexOf(r);

export const isPlacementCategory = (s: string): s is PlacementCategory =>
  (PLACEMENT_CATEGORIES as readonly string[]).includes(s);
export const isExitReason = (s: string): s is ExitReason => (EXIT_REASONS as readonly string[]).includes(s);
