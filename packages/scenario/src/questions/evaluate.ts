import { projectExpected, simulate, withoutParameterUncertainty } from '@carecast/engine';
import { runDates } from './dates.js';
import { compileLoaded, type CompiledScenarioFile } from '../load/compile-file.js';
import type { LoadedScenario } from '../load/load-scenario.js';
import { withSettings, type LeverSetting } from './lever-setting.js';
import { dateIndex, measureByReplication, measureFromRows, type Measure } from './measure.js';

/** How a question's runs are made. */
export interface QuestionRunOptions {
  /** Seed of every run (common random numbers: every value runs on it). __Default value:__ the scenario's */
  seed?: number;
  /** Replications per value. __Default value:__ the scenario's */
  replications?: number;
  /** Worker threads per run; results do not depend on it. */
  workers?: number;
  /** false: the rates as written, the scenario's posteriors ignored (ranges hold children's paths only). __Default value:__ true */
  parameterUncertainty?: boolean;
  /** Called with each compiled variant before it runs (e.g. to refuse one over a run-size budget). */
  check?: (compiled: CompiledScenarioFile) => void;
  /** Called before each run with a line saying what runs. */
  onRun?: (what: string) => void;
  signal?: AbortSignal;
}

/** One lever setting at one value: which lever, which setting, the value in the setting's unit. */
export interface SettingValue {
  at: LeverSetting;
  value: number;
}

/**
 * Runs one scenario with lever settings changed, reading measures at one date: each value on the same
 * seed and replications (common random numbers), or by the expected-value projection.
 */
export class QuestionRunner {
  readonly dates: string[];
  readonly index: number;
  readonly seed: number;
  readonly base: CompiledScenarioFile;
  runs = 0;
  simulatedReplications = 0;

  /** Calls `fail` (which throws) when a measure cannot be read on `by` (outside the horizon; default: the run's end). */
  constructor(
    readonly loaded: LoadedScenario,
    readonly measures: readonly Measure[],
    by: string | undefined,
    readonly options: QuestionRunOptions,
    fail: (message: string) => never,
  ) {
    this.base = compileLoaded(loaded);
    this.seed = options.seed ?? this.base.seed;
    this.dates = runDates(this.base.params);
    let index = this.dates.length - 1;
    for (const m of measures) {
      const k = dateIndex(this.dates, m, by ?? this.dates[index]!);
      if (typeof k !== 'number') fail(k.error);
      index = k;
    }
    this.index = index;
  }

  /** The date the measures are read on (the last month end on or before `by`). */
  get date(): string {
    return this.dates[this.index]!;
  }

  /** The compiled scenario at these setting values (checked by `options.check`). */
  compile(values: readonly SettingValue[]): CompiledScenarioFile {
    const variant = compileLoaded(this.loaded, withSettings(this.loaded.scenario, values));
    const compiled = this.options.parameterUncertainty === false ? { ...variant, params: withoutParameterUncertainty(variant.params) } : variant;
    this.options.check?.(compiled);
    return compiled;
  }

  /** Each measure in each replication (replication order), simulated at these values. */
  async simulate(values: readonly SettingValue[], replications: number): Promise<Float64Array[]> {
    const compiled = this.compile(values);
    this.options.onRun?.(`${describe(values)}: ${replications} replications`);
    const run = await simulate(compiled.params, {
      seed: this.seed,
      replications,
      ...(this.options.workers !== undefined ? { workers: this.options.workers } : {}),
      ...(this.options.signal !== undefined ? { signal: this.options.signal } : {}),
    });
    if (run.dates[this.index] !== this.date) throw new Error(`the run's dates (${run.dates[this.index]}) are not the expected ${this.date}`);
    this.runs++;
    this.simulatedReplications += replications;
    return this.measures.map((m) => measureByReplication(run, m, this.index));
  }

  /** Each measure by the expected-value projection at these values (no capacity: supply levers do nothing). */
  expected(values: readonly SettingValue[]): number[] {
    const compiled = this.compile(values);
    const rows = projectExpected(compiled.params);
    return this.measures.map((m) => measureFromRows(rows, this.dates, m, this.index));
  }
}

/** `Recruitment campaign extraHouseholdsPerYear = 8 per year`. */
export function describe(values: readonly SettingValue[]): string {
  return values.map((v) => `${v.at.name} ${v.at.setting} = ${v.value}${v.at.unit === '%' ? '%' : ` ${v.at.unit}`}`).join(', ');
}
