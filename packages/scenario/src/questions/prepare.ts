import type { LoadedScenario } from '../load/load-scenario.js';
import { checkValues, gridValues } from './grid.js';
import { findLeverSetting, type LeverSetting } from './lever-setting.js';
import { parseMeasure, type Measure } from './measure.js';
import { questionFails } from './question-error.js';
import type { SeekQuestion } from './seek.js';
import type { SweepAxis, SweepQuestion } from './sweep.js';
import { parseTarget, parseTargetDate, type Target } from './target.js';
import { DEFAULT_SWEEP_MEASURES } from './sweep-measures.js';

// Checking a question against its scenario before anything runs: the lever and setting exist, the
// target and measures parse with their units, the values are a usable grid. Throws QuestionError.

/** The question checked against the scenario: its lever setting, target and grid. */
export function prepareSeek(loaded: LoadedScenario, q: SeekQuestion): { at: LeverSetting; target: Target; grid: number[] } {
  const at = findLeverSetting(loaded.scenario, q.lever, q.setting);
  if ('error' in at) questionFails(q.setting !== undefined && !at.error.startsWith('no lever') ? 'setting' : 'lever', at.error);
  const target = parseTarget(q.target);
  if ('error' in target) questionFails('target', target.error);
  if (q.probability !== undefined && !(q.probability > 0 && q.probability < 1)) {
    questionFails('probability', `expected a probability above 0 and below 1 (e.g. 0.8 or 80%), got ${q.probability}`);
  }
  return { at, target, grid: gridValues(q.from, q.to, q.step ?? 1) };
}

function axisValues(axis: SweepAxis): number[] {
  if (axis.values !== undefined) {
    if (axis.from !== undefined || axis.to !== undefined) questionFails('values', 'give values or from/to/step, not both');
    return checkValues(axis.values);
  }
  if (axis.from === undefined || axis.to === undefined) questionFails('values', 'expected values (e.g. 0,4,8) or from and to (with step)');
  return gridValues(axis.from, axis.to, axis.step ?? 1);
}

/** The question checked against the scenario: settings, their values, measures, target and date. */
export function prepareSweep(loaded: LoadedScenario, q: SweepQuestion): { settings: LeverSetting[]; values: number[][]; measures: Measure[]; target?: Target; by?: string } {
  if (q.axes.length < 1 || q.axes.length > 2) questionFails('lever', `expected one lever, or two for a grid; got ${q.axes.length}`);
  const settings = q.axes.map((axis) => {
    const at = findLeverSetting(loaded.scenario, axis.lever, axis.setting);
    if ('error' in at) questionFails(axis.setting !== undefined && !at.error.startsWith('no lever') ? 'setting' : 'lever', at.error);
    return at;
  });
  if (settings.length === 2 && settings[0]!.index === settings[1]!.index && settings[0]!.setting === settings[1]!.setting) {
    questionFails('lever', 'the grid names the same setting twice; expected two different settings');
  }
  const values = q.axes.map(axisValues);
  const cells = values.reduce((n, v) => n * v.length, 1);
  if (cells > 400) questionFails('values', `${cells} runs (every combination); expected at most 400`);
  let target: Target | undefined;
  if (q.target !== undefined) {
    const t = parseTarget(q.target);
    if ('error' in t) questionFails('target', t.error);
    target = t;
  }
  let by: string | undefined = target?.by;
  if (q.by !== undefined) {
    by = parseTargetDate(q.by);
    if (by === undefined) questionFails('by', `cannot read the date "${q.by}"; expected an ISO date (2030-03-31) or a financial year (2029-30)`);
  }
  const named = q.measures ?? DEFAULT_SWEEP_MEASURES;
  const measures: Measure[] = [];
  for (const text of named) {
    const m = parseMeasure(text);
    if ('error' in m) questionFails('measures', m.error);
    if (!measures.some((x) => x.text === m.text)) measures.push(m);
  }
  if (target !== undefined && !measures.some((m) => m.text === target.measure.text)) measures.unshift(target.measure);
  return { settings, values, measures, ...(target !== undefined ? { target } : {}), ...(by !== undefined ? { by } : {}) };
}

