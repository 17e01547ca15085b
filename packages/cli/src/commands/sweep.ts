import { sweep as sweepValues, type SweepAxis, type SweepQuestion } from '@carecast/scenario';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { frontEndDone, longWorkDone } from '../front-end-done.js';
import { shownDir } from '../output/atomic-dir.js';
import { fileQuestion, questionCommandOptions, questionDocument, startQuestion, writeQuestionResults } from '../question-command.js';
import { asking, numberList, numberOption, repeated, seconds } from '../questions.js';
import { NET_COST, sweepReport, sweepTable } from '../output/sweep-report.js';

/** The swept settings from `--lever` (once, or twice for a grid) with `--values` or `--from/--to/--step` each. */
function axesFromFlags(args: Record<string, unknown>): SweepAxis[] {
  const levers = repeated(args['lever']);
  const settings = repeated(args['setting']);
  const values = repeated(args['values']);
  const froms = repeated(args['from']);
  const tos = repeated(args['to']);
  const steps = repeated(args['step']);
  if (levers.length > 2) throw new UsageError('--lever: expected one lever, or two for a grid');
  if (settings.length > levers.length) throw new UsageError('--setting: given more often than --lever; expected one per lever, in the same order');
  return levers.map((lever, i) => {
    const axis: SweepAxis = { lever };
    if (settings[i] !== undefined) axis.setting = settings[i];
    if (values[i] !== undefined) axis.values = numberList(values[i], 'values');
    else {
      const from = numberOption(froms[i], 'from');
      const to = numberOption(tos[i], 'to');
      if (from === undefined || to === undefined) throw new UsageError(`--values: expected values for lever ${i + 1} (--values 0,4,8) or --from and --to (with --step)`);
      axis.from = from;
      axis.to = to;
      const step = numberOption(steps[i], 'step');
      if (step !== undefined) axis.step = step;
    }
    return axis;
  });
}

export const sweep: CliCommand = {
  command: 'sweep <scenario>',
  describe: 'Run a scenario at several values of one lever setting (or two on a grid) on common random numbers',
  builder: (y) =>
    questionCommandOptions(y)
      .option('values', { type: 'string', requiresArg: true, describe: 'Values, separated by commas (0,4,8); repeat for a second --lever' })
      .option('measure', { type: 'string', requiresArg: true, describe: 'A measure to report (repeatable), e.g. "in_care[ifa_foster]", "cost[total] per year", out_of_area_share (default: the headline measures)' })
      .option('target', { type: 'string', requiresArg: true, describe: 'A target to draw and count, e.g. "in_care[ifa_foster] < 80 by 2029-30" (its date is the date read)' })
      .option('by', { type: 'string', requiresArg: true, describe: 'Date the measures are read on: ISO or a financial year such as 2029-30 (default: the target\'s, else the run\'s end)' }),
  examples: [
    ['carecast sweep scenarios/foster-recruitment.yaml --lever "Recruitment campaign" --values 0,4,8,12,16', 'one lever at five values'],
    ['carecast sweep scenarios/foster-recruitment.yaml --lever 1 --from 0 --to 20 --step 2 --target "in_care[ifa_foster] < 80 by 2029-30"', 'a range, with the target line'],
    ['carecast sweep scenarios/foster-recruitment.yaml --lever 1 --values 0,8,16 --lever 2 --values 0,-10,-20', 'two levers on a grid (heat maps of the target measure and net cost)'],
  ],
  async run(args, io) {
    const ctx = await startQuestion(args, io);
    let question: SweepQuestion;
    let fileIndex: number | undefined;
    if (args['lever'] !== undefined) {
      question = { axes: axesFromFlags(args) };
      const measures = repeated(args['measure']);
      if (measures.length > 0) question.measures = measures;
      if (args['target'] !== undefined) question.target = String(args['target']);
      if (args['by'] !== undefined) question.by = String(args['by']);
    } else {
      const found = fileQuestion(ctx, args, 'sweep', '--lever: expected the lever to sweep, or a sweep question in the scenario file\'s questions: section');
      question = found.question;
      fileIndex = found.index;
    }
    if (question.axes.length === 2 && question.measures !== undefined && !question.measures.includes(NET_COST)) question.measures = [...question.measures, NET_COST];
    // The scenario, options and question are read: the simulations start (the code cache, front-end-done.ts).
    frontEndDone();
    const result = await asking(ctx.loaded, fileIndex, () => sweepValues(ctx.loaded, question, ctx.options));
    // The simulations are done: what is left (results.json, the report, its charts) runs once.
    longWorkDone();
    const done = await writeQuestionResults(ctx, args, io, questionDocument('sweep', ctx, result), () => sweepReport(result, ctx.loaded.scenario.name, NET_COST, ctx.uncertainty));
    if (done === undefined) return EXIT.ok;
    const { written, elapsed } = done;
    const axes = result.axes.map((a) => `${a.lever}: ${a.setting} (${a.unit})`).join(' × ');
    io.stdout.write(`Swept ${axes} in ${ctx.loaded.scenario.name}: ${result.runs} runs of ${result.replications} replications on common random numbers (seed ${result.seed}), measures on ${result.date}, ${seconds(elapsed)}\n`);
    const { textTable, uncertaintyInWords } = await import('@carecast/report');
    io.stdout.write(textTable(...sweepTable(result)));
    io.stdout.write(`Each cell: mean (5-95% range of outcomes; the range holds ${uncertaintyInWords(ctx.uncertainty)}).\n`);
    io.stdout.write(`Wrote ${written.length} files to ${shownDir(io.cwd, ctx.out)}/\n`);
    return EXIT.ok;
  },
};
