import type { Issue } from '../errors.js';
import type { LoadedScenario } from '../load/load-scenario.js';
import type { ModelParameters } from '@carecast/engine';
import { runDates } from './dates.js';
import { fileQuestions, placeQuestionError } from './from-file.js';
import { dateIndex } from './measure.js';
import { prepareSeek, prepareSweep } from './prepare.js';
import { QuestionError } from './question-error.js';

/**
 * Problems with the questions of a scenario file, found without running anything: the lever and
 * setting, the target and measures with their units, the values, and each measure's date within the
 * run's horizon. Each issue is placed at its question's line and column. Questions inherited through
 * `extends` are not held to the horizon here (a file may shorten the run it extends without asking
 * them); `seek` and `sweep` still refuse a date outside the run they make.
 */
export function questionIssues(loaded: LoadedScenario, params: Pick<ModelParameters, 'start' | 'end'>): Issue[] {
  const dates = runDates(params);
  const own = 'questions' in loaded.own;
  const issues: Issue[] = [];
  const check = (index: number, ask: () => void) => {
    try {
      ask();
    } catch (err) {
      if (!(err instanceof QuestionError)) throw err;
      issues.push(...placeQuestionError(loaded, index, err).issues);
    }
  };
  for (const { index, question } of fileQuestions(loaded, 'seek')) {
    check(index, () => {
      const { target } = prepareSeek(loaded, question);
      if (!own) return;
      const k = dateIndex(dates, target.measure, target.by);
      if (typeof k !== 'number') throw new QuestionError('target', k.error);
    });
  }
  for (const { index, question } of fileQuestions(loaded, 'sweep')) {
    check(index, () => {
      const { measures, by } = prepareSweep(loaded, question);
      if (!own) return;
      for (const m of measures) {
        const k = dateIndex(dates, m, by ?? dates.at(-1)!);
        if (typeof k !== 'number') throw new QuestionError(question.by !== undefined ? 'by' : question.target !== undefined ? 'target' : 'measures', `${m.text}: ${k.error}`);
      }
    });
  }
  return issues;
}
