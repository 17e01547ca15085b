import type { Lever } from './levers.js';
import type { ModelSection } from './model-section.js';
import type { QuestionSection } from './questions.js';
import type { Duration, IsoDate } from './units.js';

/** A complete scenario: what a scenario file holds once any `extends` chain is merged. */
export interface ScenarioFile {
  /** Editors' schema pointer; ignored by Carecast. */
  $schema?: string;
  /** Name shown in results and reports, e.g. `Anytown baseline`. */
  name: string;
  /** What the scenario asks, in a sentence or two. */
  description?: string;
  /**
   * Another scenario file (path relative to this one) whose settings this one overrides: objects merge
   * key by key, arrays and values replace.
   */
  extends?: string;
  /** First simulated day (ISO date); the initial population is the stock on this day. */
  start: IsoDate;
  /** Length of the run from `start`: `5 years` or `60 months`. Give `horizon` or `end`. */
  horizon?: Duration;
  /** Last simulated day, inclusive (ISO date). Give `horizon` or `end`. */
  end?: IsoDate;
  /**
   * Monte Carlo replications. __Default value:__ 200
   * @minimum 1
   * @maximum 100000
   * @asType integer
   */
  replications?: number;
  /**
   * Seed of every random stream; the same seed gives the same results. __Default value:__ 1
   * @minimum 0
   * @maximum 4294967295
   * @asType integer
   */
  seed?: number;
  /**
   * Scale shares that must sum to 100% (route shares, first placements, UASC age bands, ageOut) to 100%
   * instead of refusing a set that does not add up. __Default value:__ false
   */
  normalise?: boolean;
  /** The care model: population, entries, transitions, supply and costs. */
  model: ModelSection;
  /** Policy levers, applied in order. */
  levers?: Lever[];
  /** Questions asked of the scenario: goal seeks and sweeps of its levers (`carecast seek`, `carecast sweep`). */
  questions?: QuestionSection[];
}
