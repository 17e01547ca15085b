import { parsePercentage } from '../compile/units.js';
import { ScenarioError } from '../errors.js';
import type { QuestionSection, SeekQuestionSection, SweepQuestionSection } from '../file/questions.js';
import type { LoadedScenario } from '../load/load-scenario.js';
import { type QuestionError } from './question-error.js';
import type { SeekQuestion } from './seek.js';
import type { SweepQuestion } from './sweep.js';

/** A question of a scenario file's `questions:` section, ready to ask, and where it is in the file. */
export interface FileQuestion<Q> {
  /** Index in `questions`. */
  index: number;
  name: string;
  question: Q;
}

const isSeek = (q: QuestionSection): q is SeekQuestionSection => 'seek' in q;
const isSweep = (q: QuestionSection): q is SweepQuestionSection => 'sweep' in q;

/** `80%` -> 0.8, `0.8` -> 0.8 (the rule of every percentage); anything else NaN (refused by the question's own check). */
function probability(p: number | string): number {
  const parsed = parsePercentage(p, 'probability');
  return parsed.ok ? parsed.value : Number.NaN;
}

/** A QuestionError of question `index` as a ScenarioError at its setting's line and column. */
export function placeQuestionError(loaded: LoadedScenario, index: number, err: QuestionError): ScenarioError {
  const q = loaded.scenario.questions?.[index];
  const key = err.field === 'lever' && q !== undefined ? (isSeek(q) ? 'seek' : 'sweep') : err.field;
  const has = q !== undefined && key in q;
  return new ScenarioError([loaded.place({ path: has ? ['questions', index, key] : ['questions', index], message: err.message })]);
}

/**
 * The seek (or sweep) questions of a scenario file, named `name` or all of them, as `seek` and
 * `sweep` take them. Throws ScenarioError when `name` matches none.
 */
export function fileQuestions(loaded: LoadedScenario, kind: 'seek', name?: string): FileQuestion<SeekQuestion>[];
export function fileQuestions(loaded: LoadedScenario, kind: 'sweep', name?: string): FileQuestion<SweepQuestion>[];
export function fileQuestions(loaded: LoadedScenario, kind: 'seek' | 'sweep', name?: string): FileQuestion<SeekQuestion | SweepQuestion>[] {
  const all = loaded.scenario.questions ?? [];
  const out: FileQuestion<SeekQuestion | SweepQuestion>[] = [];
  for (const [index, q] of all.entries()) {
    if (name !== undefined && q.name !== name) continue;
    if (kind === 'seek' && isSeek(q)) {
      const question: SeekQuestion = { lever: String(q.seek), target: q.target, from: q.from, to: q.to };
      if (q.setting !== undefined) question.setting = q.setting;
      if (q.probability !== undefined) question.probability = probability(q.probability);
      if (q.step !== undefined) question.step = q.step;
      if (q.maxReplications !== undefined) question.maxReplications = q.maxReplications;
      out.push({ index, name: q.name, question });
    }
    if (kind === 'sweep' && isSweep(q)) {
      const axes: SweepQuestion['axes'] = Array.isArray(q.sweep)
        ? q.sweep.map((a) => ({ ...a, lever: String(a.lever) }))
        : [{ lever: String(q.sweep), ...pick(q) }];
      const question: SweepQuestion = { axes };
      if (q.measures !== undefined) question.measures = q.measures;
      if (q.target !== undefined) question.target = q.target;
      if (q.by !== undefined) question.by = q.by;
      out.push({ index, name: q.name, question });
    }
  }
  if (name !== undefined && out.length === 0) {
    const names = all.filter((q) => (kind === 'seek' ? isSeek(q) : isSweep(q))).map((q) => `"${q.name}"`);
    throw new ScenarioError([
      loaded.place({ path: all.length > 0 ? ['questions'] : [], message: `no ${kind} question named "${name}"; expected ${names.length > 0 ? `one of ${names.join(', ')}` : `a ${kind} question in questions:`}` }),
    ]);
  }
  return out;
}

function pick(q: SweepQuestionSection): Omit<SweepQuestion['axes'][number], 'lever'> {
  const out: Omit<SweepQuestion['axes'][number], 'lever'> = {};
  if (q.setting !== undefined) out.setting = q.setting;
  if (q.values !== undefined) out.values = q.values;
  if (q.from !== undefined) out.from = q.from;
  if (q.to !== undefined) out.to = q.to;
  if (q.step !== undefined) out.step = q.step;
  return out;
}
