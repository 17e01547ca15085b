import type { EntryRoute, ExitReason, PlacementCategory } from '../domain/ids.js';

/** What one replication of the care model returns. */
export interface ReplicationOutput {
  /** ISO dates: index 0 = start (initial stock), then each month end. */
  dates: string[];
  /** `${metric}|${category}` -> value per date; flow metrics are 0 at index 0. */
  series: Record<string, Float64Array>;
  eventsFired: number;
  /** With recordEpisodes: one row per placement spell (for synthetic SSDA903). */
  episodes?: EpisodeRecord[];
  /** With recordEpisodes: one row per child ever in care during the run. */
  children?: ChildRecord[];
}

/** One placement spell of a simulated child; `child` is a run-local integer, never a real id. */
export interface EpisodeRecord {
  child: number;
  /** ISO date the spell started (for initial children: the day they entered the category). */
  start: string;
  /** ISO date the spell ended, or null when still open at the end of the run. */
  end: string | null;
  category: PlacementCategory;
  reason: 'entry' | 'move' | 'displaced' | 'waiting-filled' | 'initial';
  /** Why the child left care at the end of this spell, or null. */
  exit: ExitReason | null;
  /** Whether the placement is outside the authority's area. */
  outOfArea: boolean;
}

/** A simulated child; `child` is a run-local integer, never a real id. */
export interface ChildRecord {
  child: number;
  /** ISO date of birth. */
  birth: string;
  sex: 'male' | 'female';
  uasc: boolean;
  route: EntryRoute;
  /** ISO date the child entered care (before the start for the initial population). */
  entered: string;
  /** Whether the child's first placement in the run is outside the authority's area. */
  outOfArea: boolean;
}

/** Options of `runReplication`. */
export interface ReplicationOptions {
  /** Record every placement spell and child (slower; for synthetic data). __Default value:__ false */
  recordEpisodes?: boolean;
  /** Check the model's invariants at every month end and throw on a violation (for tests). __Default value:__ false */
  checkInvariants?: boolean;
}
