import { AGE_BANDS, EXIT_REASONS, PLACEMENT_CATEGORIES } from '@carecast/engine';

/** A colour for one id, with the words a reader sees in legends and tooltips. */
export interface Swatch {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
}

// Paul Tol's colour-blind-safe "muted" scheme: foster types in greens and blues, residential in reds,
// `other` in grey, so the mix reads at a glance and survives deuteranopia and protanopia.
export const CATEGORY_SWATCHES: readonly Swatch[] = [
  { id: 'kinship_foster', label: 'Kinship foster', colour: '#117733' },
  { id: 'inhouse_foster', label: 'In-house foster', colour: '#44AA99' },
  { id: 'ifa_foster', label: 'IFA foster', colour: '#88CCEE' },
  { id: 'inhouse_residential', label: 'In-house residential', colour: '#882255' },
  { id: 'external_residential', label: 'External residential', colour: '#CC6677' },
  { id: 'supported', label: 'Supported accommodation (16+)', colour: '#DDCC77' },
  { id: 'secure', label: 'Secure', colour: '#332288' },
  { id: 'placed_with_parents', label: 'Placed with parents', colour: '#999933' },
  { id: 'adoption_placement', label: 'Placed for adoption', colour: '#AA4499' },
  { id: 'other', label: 'Other placement', colour: '#BBBBBB' },
];

// Okabe-Ito, the reference colour-blind-safe qualitative set, with two greys for the catch-alls.
export const EXIT_REASON_SWATCHES: readonly Swatch[] = [
  { id: 'reunification', label: 'Returned home', colour: '#009E73' },
  { id: 'adoption', label: 'Adoption', colour: '#CC79A7' },
  { id: 'special_guardianship', label: 'Special guardianship', colour: '#0072B2' },
  { id: 'child_arrangements', label: 'Child arrangements order', colour: '#56B4E9' },
  { id: 'independent_living', label: 'Independent living', colour: '#E69F00' },
  { id: 'staying_put', label: 'Staying put', colour: '#F0E442' },
  { id: 'adult_care', label: 'Adult care', colour: '#D55E00' },
  { id: 'transfer', label: 'Transfer to another authority', colour: '#555555' },
  { id: 'other', label: 'Other exit', colour: '#BBBBBB' },
];

// Viridis steps: age bands are ordered, so a sequential scale that stays legible in greyscale.
export const AGE_BAND_SWATCHES: readonly Swatch[] = [
  { id: '<1', label: 'Under 1', colour: '#440154' },
  { id: '1-4', label: '1 to 4', colour: '#3B528B' },
  { id: '5-9', label: '5 to 9', colour: '#21918C' },
  { id: '10-15', label: '10 to 15', colour: '#5EC962' },
  { id: '16-17', label: '16 to 17', colour: '#E3C800' },
];

/** Colour of the baseline in scenario charts. */
export const BASELINE_COLOUR = '#333333';
/** Colours of compared scenarios in order of appearance (Okabe-Ito). */
export const SCENARIO_COLOURS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
/** Colour of single-series charts (fans of totals). */
export const TOTAL_COLOUR = '#0072B2';
/** Colour of an id that no palette knows: visible, but plainly not one of the named ones. */
export const UNKNOWN_COLOUR = '#7F7F7F';

const byId = (swatches: readonly Swatch[]): ReadonlyMap<string, Swatch> => new Map(swatches.map((s) => [s.id, s]));
const CATEGORY_BY_ID = byId(CATEGORY_SWATCHES);
const EXIT_BY_ID = byId(EXIT_REASON_SWATCHES);
const AGE_BY_ID = byId(AGE_BAND_SWATCHES);

/** Which palette an id belongs to. */
export type SwatchKind = 'category' | 'exit_reason' | 'age_band';

const TABLES: Readonly<Record<SwatchKind, { order: readonly string[]; byId: ReadonlyMap<string, Swatch> }>> = {
  category: { order: PLACEMENT_CATEGORIES, byId: CATEGORY_BY_ID },
  exit_reason: { order: EXIT_REASONS, byId: EXIT_BY_ID },
  age_band: { order: AGE_BANDS, byId: AGE_BY_ID },
};

/** The swatch of an id, or a grey one labelled with the id itself when the palette does not know it. */
export function swatchOf(kind: SwatchKind, id: string): Swatch {
  return TABLES[kind].byId.get(id) ?? { id, label: id, colour: UNKNOWN_COLOUR };
}

/** Position of an id in Carecast's fixed order (unknown ids go last, in the order given). */
export function orderOf(kind: SwatchKind, id: string): number {
  const i = TABLES[kind].order.indexOf(id);
  return i < 0 ? TABLES[kind].order.length : i;
}

/** Ids sorted in Carecast's fixed order, unknown ones after, alphabetically. */
export function sortIds(kind: SwatchKind, ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => orderOf(kind, a) - orderOf(kind, b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A Vega-Lite colour scale for the labels of the ids present: the legend lists only those, while each
 * id keeps its one colour in every chart.
 */
export function colourScale(kind: SwatchKind, ids: Iterable<string>): { domain: string[]; range: string[] } {
  const swatches = sortIds(kind, ids).map((id) => swatchOf(kind, id));
  return { domain: swatches.map((s) => s.label), range: swatches.map((s) => s.colour) };
}
