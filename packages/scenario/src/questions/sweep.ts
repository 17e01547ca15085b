import type { LoadedScenario, LoadOptions } from '../load/load-scenario.js';
import { loadScenario } from '../load/node-host.js';
import { QuestionRunner, type QuestionRunOptions, type SettingValue } from './evaluate.js';
import { dateIndex } from './measure.js';
import { prepareSweep } from './prepare.js';
export { DEFAULT_SWEEP_MEASURES } from './sweep-measures.js';
import { questionFails } from './question-error.js';
import { overReplications, wilson95 } from './stats.js';
import { meets } from './target.js';

/** One lever setting swept: `values`, or `from`/`to`/`step`. */
export interface SweepAxis {
  /** The lever's label or its position from 1. */
  lever: string;
  /** __Default value:__ the lever's first numeric setting */
  setting?: string;
  values?: number[];
  from?: number;
  to?: number;
  /** __Default value:__ 1 */
  step?: number;
}

/** A sweep: one lever setting over values, or two on a grid, each on common random numbers. */
export interface SweepQuestion {
  /** One or two settings; two are swept on every pair of values (a grid). */
  axes: SweepAxis[];
  /** Measures to report. __Default value:__ the headline measures and the target's */
  measures?: string[];
  /** A target to draw and to count replications meeting; its date is the date read. */
  target?: string;
  /** The date the measures are read on (ISO or a financial year such as `2029-30`). __Default value:__ the target's, else the run's end */
  by?: string;
}


/** One measure at one value (or pair of values) of the swept settings. */
export interface SweepRow {
  /** The settings' values, in the order of `axes`. */
  values: number[];
  measure: string;
  mean: number;
  p05: number;
  p50: number;
  p95: number;
  ci95_low: number;
  ci95_high: number;
  /** The target's measure only: share of replications meeting the target. */
  probabilityMet?: number;
  probability_low?: number;
  probability_high?: number;
}

export interface SweepResult {
  axes: { lever: string; setting: string; unit: string; values: number[] }[];
  /** The date the measures are read on (the last month end on or before `by`). */
  date: string;
  measures: { measure: string; unit: string }[];
  target?: string;
  /** The target's value in its measure's unit. */
  targetValue?: number;
  seed: number;
  replications: number;
  /** Per measure, then per value (the first axis varying slowest). */
  rows: SweepRow[];
  runs: number;
  simulatedReplications: number;
}

/**
 * Runs the scenario at each value of one lever setting (or each pair of values of two) on common random
 * numbers (every value on the same seed and replications) and reads each measure on one date: its mean,
 * 5-95% range of outcomes and 95% interval of the mean, and for a target's measure the share of
 * replications meeting it.
 */
export async function sweep(scenario: string | LoadedScenario, question: SweepQuestion, options: QuestionRunOptions & LoadOptions = {}): Promise<SweepResult> {
  const loaded = typeof scenario === 'string' ? await loadScenario(scenario, options) : scenario;
  const { settings, values, measures, target, by } = prepareSweep(loaded, question);
  const runner = new QuestionRunner(loaded, measures, by, options, (m) => questionFails(question.target !== undefined && question.by === undefined ? 'target' : 'by', m));
  for (const m of measures) {
    const k = dateIndex(runner.dates, m, runner.date);
    if (typeof k !== 'number') questionFails('measures', `${m.text}: ${k.error}`);
  }
  const replications = options.replications ?? runner.base.replications;
  const combos: number[][] = values.length === 1 ? values[0]!.map((v) => [v]) : values[0]!.flatMap((a) => values[1]!.map((b) => [a, b]));
  const byCombo: Float64Array[][] = [];
  for (const combo of combos) {
    const set: SettingValue[] = combo.map((value, i) => ({ at: settings[i]!, value }));
    byCombo.push(await runner.simulate(set, replications));
  }
  const rows: SweepRow[] = [];
  for (const [mi, m] of measures.entries()) {
    for (const [ci, combo] of combos.entries()) {
      const v = byCombo[ci]![mi]!;
      const s = overReplications(v);
      const row: SweepRow = { values: combo, measure: m.text, mean: s.mean, p05: s.p05, p50: s.p50, p95: s.p95, ci95_low: s.ci95_low, ci95_high: s.ci95_high };
      if (target !== undefined && target.measure.text === m.text) {
        let k = 0;
        for (const x of v) if (meets(target, x)) k++;
        const w = wilson95(k, v.length);
        Object.assign(row, { probabilityMet: k / v.length, probability_low: w.low, probability_high: w.high });
      }
      rows.push(row);
    }
  }
  return {
    axes: settings.map((at, i) => ({ lever: at.name, setting: at.setting, unit: at.unit, values: values[i]! })),
    date: runner.date,
    measures: measures.map((m) => ({ measure: m.text, unit: m.unit })),
    ...(target !== undefined ? { target: target.text, targetValue: target.value } : {}),
    seed: runner.seed,
    replications,
    rows,
    runs: runner.runs,
    simulatedReplications: runner.simulatedReplications,
  };
}
