import { PLACEMENT_CATEGORIES, type CostParameters, type PlacementCategory, type SupplyParameters } from '@carecast/engine';

/**
 * Supply and cost defaults from national reference figures (docs/domain.md §5): placeholders for a user
 * to replace with their own authority's numbers. SSDA903 holds no supply data.
 */

/** Approved places per in-house fostering household (whole number; England ~1.5 children per household). */
export const TEMPLATE_PLACES_PER_HOUSEHOLD = 2;
/** Approvals per household-year: ~4,100 approvals a year over ~43,000 households (Ofsted 2023). */
export const TEMPLATE_RECRUITMENT_PER_HOUSEHOLD_YEAR = 4100 / 43000;
/** De-registrations per household-year: ~5,100 a year over ~43,000 households (Ofsted 2023). */
export const TEMPLATE_DEREGISTRATION_PER_HOUSEHOLD_YEAR = 5100 / 43000;
/** Spare capacity over the stock on the reference date, so a new run does not start full. */
export const TEMPLATE_HEADROOM = 0.1;

/** GBP per week per placement, with the source of each figure (docs/domain.md §5). */
export const TEMPLATE_WEEKLY_COST: Readonly<Partial<Record<PlacementCategory, { gbp: number; source: string }>>> = {
  inhouse_foster: { gbp: 650, source: 'LA foster care, full cost (PSSRU 2017)' },
  ifa_foster: { gbp: 820, source: 'IFA foster care (CMA 2021)' },
  inhouse_residential: { gbp: 4750, source: "children's home, upper CMA 2021 figure" },
  external_residential: { gbp: 6100, source: "children's home (NAO 2023-24)" },
  supported: { gbp: 950, source: '16-17 supported accommodation, middle of £620-£1,280 (council FOIs 2022-23)' },
};

/** Unlimited categories a full capacity-limited one falls back to, within its family. */
const FAMILIES: readonly (readonly PlacementCategory[])[] = [
  ['inhouse_foster', 'ifa_foster'],
  ['inhouse_residential', 'external_residential'],
];

/**
 * Template capacity (in-house fostering households and in-house residential beds sized to the stock
 * on the reference date plus headroom) and fallbacks ordered by the observed placement mix.
 */
export function supplyTemplate(stock: Readonly<Partial<Record<PlacementCategory, number>>>): SupplyParameters {
  const withHeadroom = (n: number): number => Math.max(1, Math.ceil(n * (1 + TEMPLATE_HEADROOM)));
  const households = Math.max(1, Math.ceil(withHeadroom(stock.inhouse_foster ?? 0) / TEMPLATE_PLACES_PER_HOUSEHOLD));
  const capacity: SupplyParameters['capacity'] = {
    inhouse_foster: {
      households,
      placesPerHousehold: TEMPLATE_PLACES_PER_HOUSEHOLD,
      recruitmentPerYear: round(households * TEMPLATE_RECRUITMENT_PER_HOUSEHOLD_YEAR, 2),
      deregistrationPerHouseholdYear: round(TEMPLATE_DEREGISTRATION_PER_HOUSEHOLD_YEAR, 4),
    },
    inhouse_residential: { beds: withHeadroom(stock.inhouse_residential ?? 0) },
  };
  const fallback: SupplyParameters['fallback'] = {};
  for (const limited of Object.keys(capacity) as PlacementCategory[]) {
    const family = FAMILIES.find((f) => f.includes(limited)) ?? [];
    fallback[limited] = family
      .filter((c) => c !== limited && !(c in capacity))
      .sort((a, b) => (stock[b] ?? 0) - (stock[a] ?? 0) || PLACEMENT_CATEGORIES.indexOf(a) - PLACEMENT_CATEGORIES.indexOf(b));
  }
  return { capacity, fallback, lastResort: 'other', waitForPreferred: true };
}

/** Template weekly costs (GBP per week) for the categories with a national reference figure. */
export function costTemplate(): CostParameters {
  const weeklyCost: CostParameters['weeklyCost'] = {};
  for (const [c, v] of Object.entries(TEMPLATE_WEEKLY_COST)) weeklyCost[c as PlacementCategory] = v.gbp;
  return { weeklyCost };
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
