import type { PlacementCategory, Results } from '@carecast/engine';

/** A capacity-limited placement category at the start: beds, or foster households with their flows. */
export interface CapacityAssumption {
  readonly category: PlacementCategory;
  /** Beds or places (bed-limited categories). */
  readonly beds?: number;
  /** Approved foster households (household-supplied categories). */
  readonly households?: number;
  readonly placesPerHousehold?: number;
  /** New approved households per year. */
  readonly recruitmentPerYear?: number;
  /** De-registration hazard per household-year. */
  readonly deregistrationPerHouseholdYear?: number;
  /** Chance (0-1) that one vacant place suits a given child. */
  readonly matchProbability?: number;
}

/**
 * What a scenario assumed, as results.json `assumptions` records it (one entry per scenario, the
 * baseline first), so a report re-rendered from results.json can show it: unit costs in GBP per week per
 * placement at the prices of `priceBase`, inflated at `inflationPerYear` (compounded from the start into
 * cash prices), capacity at the start, and the levers in words.
 */
export interface ScenarioAssumptions {
  readonly scenario: string;
  /** The date unit costs are priced at: the start of the run. */
  readonly priceBase: string;
  readonly inflationPerYear: number;
  readonly weeklyCostGbp: Readonly<Partial<Record<PlacementCategory, number>>>;
  readonly capacity: readonly CapacityAssumption[];
  readonly levers: readonly string[];
  /**
   * What the 5-95% (and 25-75%) ranges of outcomes hold: `children-paths`, the randomness of children's
   * paths with the rates taken as known; `children-paths-and-rates`, also the uncertainty of rates estimated
   * from data (each replication draws its rates from their posteriors). Absent in results written before it.
   */
  readonly uncertainty?: UncertaintyKinds;
}

/** The kinds of uncertainty a range of outcomes holds (see `ScenarioAssumptions.uncertainty`). */
export type UncertaintyKinds = 'children-paths' | 'children-paths-and-rates';

/** The words for a range's uncertainty, for sentences: what the range of outcomes includes. */
export function uncertaintyInWords(kinds: UncertaintyKinds | undefined): string {
  if (kinds === 'children-paths-and-rates') return "children's paths and the uncertainty of rates estimated from data";
  if (kinds === 'children-paths') return "children's paths only, the rates taken as known";
  return "children's paths";
}

/** The assumptions a results document records (`assumptions`); empty for results written without them. */
export function assumptionsOf(results: Results): readonly ScenarioAssumptions[] {
  const v = (results as Results & { assumptions?: unknown }).assumptions;
  return Array.isArray(v) ? (v as ScenarioAssumptions[]) : [];
}
