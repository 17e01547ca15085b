import { seek as seekValue, seekSentence, type SeekQuestion } from '@carecast/scenario';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { frontEndDone, longWorkDone } from '../front-end-done.js';
import { intOption, MAX_REPLICATIONS } from '../options.js';
import { shownDir } from '../output/atomic-dir.js';
import { fileQuestion, questionCommandOptions, questionDocument, startQuestion, writeQuestionResults } from '../question-command.js';
import { asking, numberOption, seconds } from '../questions.js';
import { BRACKET, evidenceTable, seekReport } from '../output/seek-report.js';

/** `0.8`, `80%` -> 0.8. */
function probabilityOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(text);
  const p = m === null ? Number.NaN : Number(m[1]) / (m[2] === '%' ? 100 : 1);
  if (!(p > 0 && p < 1)) throw new UsageError(`--probability: expected a probability above 0 and below 1 (0.8 or 80%), got ${JSON.stringify(value)}`);
  return p;
}

export const seek: CliCommand = {
  command: 'seek <scenario>',
  describe: 'Find the value of one lever setting that meets a target (goal seek on common random numbers)',
  builder: (y) =>
    questionCommandOptions(y)
      .option('target', { type: 'string', requiresArg: true, describe: 'Target: "<measure> <op> <value> by <date>", e.g. "in_care[ifa_foster] < 80 by 2029-30"' })
      .option('probability', { type: 'string', requiresArg: true, describe: 'Meet the target in this share of replications (0.8 or 80%) instead of in mean' })
      .option('max-replications', { type: 'string', requiresArg: true, describe: 'Most replications per value the stopping rule may use (default 4 × replications)' }),
  examples: [
    ['carecast seek scenarios/foster-recruitment.yaml --lever "Recruitment campaign" --target "in_care[ifa_foster] < 80 by 2029-30" --from 0 --to 30', 'fewest extra in-house households a year bringing IFA placements under 80'],
    ['carecast seek scenarios/residential-beds.yaml --lever 1 --target "placed_out_of_preference[total] per year <= 5 by 2027-28" --probability 80% --from 0 --to 20', 'beds so that at most 5 a year are placed out of preference in 80% of outcomes'],
    ['carecast seek my-strategy.yaml --question "IFA under 80"', 'answer a question kept in the file\'s questions: section'],
  ],
  async run(args, io) {
    const ctx = await startQuestion(args, io);
    let question: SeekQuestion;
    let fileIndex: number | undefined;
    if (args['lever'] !== undefined || args['target'] !== undefined) {
      if (args['lever'] === undefined) throw new UsageError('--lever: expected the lever to vary (its label or position from 1)');
      if (args['target'] === undefined) throw new UsageError('--target: expected a target such as "in_care[ifa_foster] < 80 by 2029-30"');
      const from = numberOption(args['from'], 'from') ?? 0;
      const to = numberOption(args['to'], 'to');
      if (to === undefined) throw new UsageError('--to: expected the highest value to try (the search stays within --from and --to)');
      question = { lever: String(args['lever']), target: String(args['target']), from, to };
      const step = numberOption(args['step'], 'step');
      if (step !== undefined) question.step = step;
      if (args['setting'] !== undefined) question.setting = String(args['setting']);
      const p = probabilityOption(args['probability']);
      if (p !== undefined) question.probability = p;
    } else {
      const found = fileQuestion(ctx, args, 'seek', 'expected --lever and --target, or a seek question in the scenario file\'s questions: section');
      question = found.question;
      fileIndex = found.index;
      const p = probabilityOption(args['probability']);
      if (p !== undefined) question.probability = p;
    }
    const maxR = intOption(args['max-replications'], 'max-replications', 2, MAX_REPLICATIONS);
    if (maxR !== undefined) question.maxReplications = maxR;
    // The scenario, options and question are read: the simulations start (the code cache, front-end-done.ts).
    frontEndDone();
    const result = await asking(ctx.loaded, fileIndex, () => seekValue(ctx.loaded, question, ctx.options));
    // The simulations are done: what is left (results.json, the report, its charts) runs once.
    longWorkDone();
    const done = await writeQuestionResults(ctx, args, io, questionDocument('seek', ctx, result), () => seekReport(result, ctx.loaded.scenario.name, ctx.uncertainty));
    if (done === undefined) return EXIT.ok;
    const { written, elapsed } = done;
    io.stdout.write(`${seekSentence(result)}\n`);
    io.stdout.write(`${BRACKET[result.bracket]}\n`);
    io.stdout.write(`${ctx.loaded.scenario.name}: seed ${result.seed}, ${result.runs} runs (${result.simulatedReplications} replications in all), measure read on ${result.date}, ${seconds(elapsed)}\n`);
    const { textTable } = await import('@carecast/report');
    io.stdout.write(textTable(...evidenceTable(result)));
    io.stdout.write(`Wrote ${written.length} files to ${shownDir(io.cwd, ctx.out)}/\n`);
    return EXIT.ok;
  },
};
