import type { EntryRoute, ExitReason, PlacementCategory } from '@carecast/engine';

/** One placement spell of a simulated child (the engine's EpisodeRecord shape). */
export interface SimEpisode {
  child: number;
  /** ISO date the placement started. */
  start: string;
  /** ISO date it ended; null when open at the end of the run. */
  end: string | null;
  category: PlacementCategory;
  reason: 'entry' | 'move' | 'displaced' | 'waiting-filled' | 'initial';
  /** Exit reason when the placement ended the child's time in care. */
  exit: ExitReason | null;
}

/** A simulated child (the engine's ChildRecord shape): run-local id, no real person. */
export interface SimChild {
  child: number;
  birth: string;
  sex: 'male' | 'female';
  uasc: boolean;
  route: EntryRoute;
  /** ISO date the child entered care (before the run for the initial population). */
  entered: string;
  outOfArea: boolean;
}

export interface SimRecords {
  start: string;
  end: string;
  episodes: SimEpisode[];
  children: SimChild[];
}
