// The frame `carecast sweep` and `carecast seek` share around their own question: the options they
// take, what they start from (the scenario, what its ranges hold, the output folder), the question kept
// in the scenario file, and the results folder they write (results.json and the report files).
import { fileQuestions, type FileQuestion, type SeekQuestion, type SweepQuestion } from '@carecast/scenario';
import type { UncertaintyKinds } from '@carecast/report';
import type { Argv } from 'yargs';
import type { Args } from './command.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { cliVersion } from './main.js';
import { questionUncertainty, simulationOptions, uncertaintyOption } from './options.js';
import { writeDirAtomically } from './output/atomic-dir.js';
import { questionContext, questionOptions, type QuestionContext } from './questions.js';
import { allowLargeOption } from './run-budget.js';

/** The scenario positional and the options every question command takes before its own. */
export function questionCommandOptions(y: Argv): Argv {
  return y
    .positional('scenario', { type: 'string', describe: 'Scenario YAML file' })
    .options(simulationOptions)
    .options(uncertaintyOption)
    .options(questionOptions)
    .option('allow-large', allowLargeOption);
}

/** A question command under way: its context, when it started (ms, `performance.now()`), what its ranges hold and its `--out`. */
export interface QuestionStart extends QuestionContext {
  started: number;
  uncertainty: UncertaintyKinds;
  out: string;
}

/** Reads the scenario and the options every question command takes (see questionContext). */
export async function startQuestion(args: Args, io: CliIO): Promise<QuestionStart> {
  const started = performance.now();
  const ctx = await questionContext(args, io);
  const uncertainty = questionUncertainty(ctx.loaded, ctx.options, args);
  const out = String(args['out']);
  if (out.trim() === '') throw new UsageError('--out: expected a directory name');
  return { ...ctx, started, uncertainty, out };
}

/**
 * The `kind` question of the scenario file's questions: section that `--question` names, or its only
 * one; `none` is the usage error when there is none, and more than one without `--question` is one too.
 */
export function fileQuestion(start: QuestionStart, args: Args, kind: 'seek', none: string): FileQuestion<SeekQuestion>;
export function fileQuestion(start: QuestionStart, args: Args, kind: 'sweep', none: string): FileQuestion<SweepQuestion>;
export function fileQuestion(start: QuestionStart, args: Args, kind: 'seek' | 'sweep', none: string): FileQuestion<SeekQuestion | SweepQuestion> {
  const name = args['question'] === undefined ? undefined : String(args['question']);
  const found: FileQuestion<SeekQuestion | SweepQuestion>[] = kind === 'seek' ? fileQuestions(start.loaded, 'seek', name) : fileQuestions(start.loaded, 'sweep', name);
  if (found.length === 0) throw new UsageError(none);
  if (found.length > 1) throw new UsageError(`the file has ${found.length} ${kind} questions; expected --question with one of ${found.map((f) => `"${f.name}"`).join(', ')}`);
  return found[0]!;
}

/** results.json of a question (docs/contract.md): its kind, the tool, the scenario, what the ranges hold, then the answer. */
export function questionDocument<R extends object>(kind: 'seek' | 'sweep', start: QuestionStart, result: R) {
  return { schemaVersion: 1, kind, tool: { name: 'carecast', version: cliVersion() }, scenario: { name: start.loaded.scenario.name, source: start.loaded.file }, uncertainty: start.uncertainty, ...result };
}

/**
 * Writes the question's results folder in one swap: results.json (`document`) and the files `report`
 * draws. Under `--json` prints the document with the folder, its files and the seconds taken and returns
 * undefined (nothing more to print); else the files written and the milliseconds the question took.
 */
export async function writeQuestionResults(
  start: QuestionStart,
  args: Args,
  io: CliIO,
  document: object,
  report: () => Promise<Iterable<[string, string | Uint8Array]>>,
): Promise<{ written: string[]; elapsed: number } | undefined> {
  const elapsed = performance.now() - start.started;
  const written: string[] = [];
  await writeDirAtomically(start.out, async () => {
    const files = new Map<string, string | Uint8Array>([['results.json', `${JSON.stringify(document, null, 2)}\n`]]);
    for (const [k, v] of await report()) files.set(k, v);
    written.push(...files.keys());
    return files;
  }, io.cwd);
  if (args['json'] !== true) return { written, elapsed };
  io.stdout.write(`${JSON.stringify({ ...document, out: start.out, files: written, seconds: Math.round(elapsed) / 1000 }, null, 2)}\n`);
  return undefined;
}
