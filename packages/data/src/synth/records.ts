import type { ChildRecord, EpisodeRecord } from '@carecast/engine/advanced';

/** The placements and children of one simulated run, as the engine records them (run-local ids, no real person). */
export interface SimRecords {
  /** ISO date the run starts. */
  start: string;
  /** ISO date the run ends (inclusive). */
  end: string;
  episodes: EpisodeRecord[];
  children: ChildRecord[];
}
