import type { ReplicationStatistics } from './replication-statistics.js';

/** Metric names of results.json (docs/contract.md). */
export const STOCK_METRICS = [
  'in_care',
  'in_care_by_age',
  'in_care_uasc',
  'capacity',
  'occupied',
  'vacancies',
  'capacity_gap',
  'households',
  'waiting',
  'out_of_area',
  'care_leavers',
  'care_leavers_by_age',
  'staying_put',
  'staying_put_places_held',
] as const;
export const FLOW_METRICS = [
  'entries',
  'entries_by_age',
  'entries_uasc',
  'exits',
  'exits_from',
  'moves',
  'households_recruited',
  'households_deregistered',
  'placed_out_of_preference',
  'cost',
  'lever_cost',
  'care_leaver_entries',
  'care_leaver_moves_in',
  'care_leaver_moves_out',
  'care_leaver_exits',
  'care_leaver_cost',
] as const;
export type StockMetric = (typeof STOCK_METRICS)[number];
export type FlowMetric = (typeof FLOW_METRICS)[number];
export type Metric = StockMetric | FlowMetric;

/** One summary row: a metric for a category at a month end, its statistics over replications (`ci95_*`: Student-t 95% confidence interval of the mean). */
export interface SeriesRow extends ReplicationStatistics {
  /** ISO date: a month end, or the start date for the initial stock. */
  date: string;
  metric: Metric;
  /** A placement category, an exit reason, an age band (`*_by_age`), `from->to` for moves, or `total`. */
  category: string;
  /** Set on `compare` rows: the scenario the row belongs to. */
  scenario?: string;
  /** Set on `compare` rows that are differences against the baseline (paired by replication). */
  delta?: boolean;
}

/** The results.json document (schemaVersion 1). */
export interface Results {
  schemaVersion: 1;
  tool: { name: 'carecast'; version: string };
  /** `description` is the scenario file's own, when it has one. */
  scenario: { name: string; source: string; description?: string };
  /** The scenario's levers, one plain-English sentence each (`compare`: prefixed with the scenario's name). */
  levers?: string[];
  seed: number;
  replications: number;
  start: string;
  end: string;
  /** `monte-carlo` (default) or `expected-value` (deterministic Markov projection, supply by an approximation). */
  mode?: 'monte-carlo' | 'expected-value';
  series: SeriesRow[];
}
