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

/** DfE age bands. */
export const AGE_BANDS = ['<1', '1-4', '5-9', '10-15', '16-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Lower bound of each age band in whole years; a child leaves care at 18. */
export const AGE_BAND_START_YEARS: Readonly<Record<AgeBand, number>> = {
  '<1': 0,
  '1-4': 1,
  '5-9': 5,
  '10-15': 10,
  '16-17': 16,
};
export const CARE_LEAVING_AGE_YEARS = 18;

/** How a child came into care. */
export const ENTRY_ROUTES = ['care_proceedings', 'section20', 'other'] as const;
export type EntryRoute = (typeof ENTRY_ROUTES)[number];

/** Exit reasons open to a child who reaches 18 in care. */
export const AGE_OUT_REASONS = ['independent_living', 'staying_put', 'adult_care'] as const;
export type AgeOutReason = (typeof AGE_OUT_REASONS)[number];

/** Categories open only to children aged 16 or over. */
export const SIXTEEN_PLUS_ONLY: ReadonlySet<PlacementCategory> = new Set(['supported']);

export const categoryIndex = (c: PlacementCategory): number => PLACEMENT_CATEGORIES.indexOf(c);
export const exitReasonIndex = (r: ExitReason): number => EXIT_REASONS.indexOf(r);
export const ageBandIndex = (b: AgeBand): number => AGE_BANDS.indexOf(b);

export const isPlacementCategory = (s: string): s is PlacementCategory =>
  (PLACEMENT_CATEGORIES as readonly string[]).includes(s);
export const isExitReason = (s: string): s is ExitReason => (EXIT_REASONS as readonly string[]).includes(s);
export const isAgeBand = (s: string): s is AgeBand => (AGE_BANDS as readonly string[]).includes(s);
