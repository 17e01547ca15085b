import type { ChildRecord, EpisodeRecord } from '@carecast/engine/advanced';

/** The placements and children of one simulated run, as the engine records them (run-local ids, no real person). */
export interface SimRecords {
  /** ISO date the run starts. */
  start: string;
  /** ISO date the run ends (inclusive). */
  end: string;
  episodes: EpisodeRecord[];
  children: ChildRecord[];
  /**
   * The run's own monthly figures (`${metric}|${category}` by date, index 0 the start, then each month
   * end), for studies that need what SSDA903 does not hold (households, beds); not written out.
   */
  series?: { dates: string[]; values: Record<string, Float64Array> };
}
