import type { AgeBand, EntryRoute, ExitReason, PlacementCategory } from '@carecast/engine';

const CATEGORY_WORDS: Record<PlacementCategory, string> = {
  kinship_foster: 'kinship foster',
  inhouse_foster: 'in-house foster',
  ifa_foster: 'IFA foster',
  inhouse_residential: 'in-house residential',
  external_residential: 'external residential',
  supported: 'supported accommodation',
  secure: 'secure',
  placed_with_parents: 'placed with parents',
  adoption_placement: 'adoption placement',
  other: 'other placement',
};

const EXIT_WORDS: Record<ExitReason, string> = {
  reunification: 'reunification',
  adoption: 'adoption',
  special_guardianship: 'special guardianship',
  child_arrangements: 'a child arrangements order',
  independent_living: 'independent living',
  staying_put: 'Staying Put',
  adult_care: 'adult care',
  transfer: 'transfer to another authority',
  other: 'other reasons',
};

const ROUTE_WORDS: Record<EntryRoute, string> = {
  care_proceedings: 'care-proceedings',
  section20: 'section 20',
  other: 'other-route',
};

/** A placement category as a reader says it: `in-house foster`. */
export const categoryWords = (c: PlacementCategory): string => CATEGORY_WORDS[c];
/** An exit reason as a reader says it. */
export const exitWords = (r: ExitReason): string => EXIT_WORDS[r];
/** A type of care in words: `family_foster_care` -> `family foster care`. */
export const typeOfCareWords = (t: string): string => t.replace(/_/g, ' ');
export const routeWords = (r: EntryRoute): string => ROUTE_WORDS[r];

/** `a, b and c`. */
export function list(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function ageWords(bands: readonly AgeBand[] | undefined): string {
  if (bands === undefined || bands.length === 0) return '';
  return ` aged ${list(bands.map((b) => (b === '<1' ? 'under 1' : b)), 'or')}`;
}

/** 25% from a fraction, without trailing noise: 0.125 -> 12.5%. */
export function percentWords(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** A count with at most two decimals: 12, 12.5. */
export function numberWords(n: number): string {
  return String(Number(n.toFixed(2)));
}

/** £4,500 from a number of pounds. */
export function moneyWords(gbp: number): string {
  return `£${Math.round(gbp).toLocaleString('en-GB')}`;
}
