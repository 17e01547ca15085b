import type { Percentage } from './units.js';

/**
 * A goal seek kept in the scenario file: the value of one lever setting that meets a target
 * (`carecast seek FILE`), re-answered whenever the file is.
 */
export interface SeekQuestionSection {
  /** A short name, to pick the question with `--question`. */
  name: string;
  /** The lever to vary: its label or its position in `levers` from 1. */
  seek: string | number;
  /** The lever's numeric setting. __Default value:__ the lever's first (e.g. `extraHouseholdsPerYear`) */
  setting?: string;
  /** `"<measure> <op> <value> by <date>"`, e.g. `in_care[ifa_foster] < 80 by 2029-30`. */
  target: string;
  /** Meet the target in this share of replications (e.g. `80%`) instead of in mean. */
  probability?: Percentage;
  /** Lowest value tried, in the setting's unit (`%` settings in percentage points). */
  from: number;
  /** Highest value tried. */
  to: number;
  /** Resolution of the answer. __Default value:__ 1 */
  step?: number;
  /**
   * The most replications per value the stopping rule may use. __Default value:__ 4 × replications
   * @minimum 2
   * @maximum 100000
   * @asType integer
   */
  maxReplications?: number;
}

/** One lever setting of a sweep: `values`, or `from`, `to` and `step`. */
export interface SweepAxisSection {
  /** The lever: its label or its position in `levers` from 1. */
  lever: string | number;
  setting?: string;
  values?: number[];
  from?: number;
  to?: number;
  step?: number;
}

/** A sweep kept in the scenario file (`carecast sweep FILE`). */
export interface SweepQuestionSection {
  /** A short name, to pick the question with `--question`. */
  name: string;
  /** The lever to sweep (its label or position from 1), or two settings to sweep on a grid. */
  sweep: string | number | SweepAxisSection[];
  /** With a single lever: its setting and values (or from/to/step). */
  setting?: string;
  values?: number[];
  from?: number;
  to?: number;
  step?: number;
  /** Measures reported, e.g. `in_care[ifa_foster]`, `cost[total] per year`. __Default value:__ the headline measures */
  measures?: string[];
  /** A target drawn on the charts, e.g. `in_care[ifa_foster] < 80 by 2029-30`. */
  target?: string;
  /** Date the measures are read on (ISO or a financial year such as `2029-30`). __Default value:__ the target's, else the run's end */
  by?: string;
}

/** A question a strategy asks of its scenario. */
export type QuestionSection = SeekQuestionSection | SweepQuestionSection;
