import { fileQuestions, seek as seekValue, seekSentence, type SeekQuestion, type SeekResult } from '@carecast/scenario';
import type { UncertaintyKinds } from '@carecast/report';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { cliVersion } from '../main.js';
import { intOption, questionUncertainty, simulationOptions, uncertaintyOption } from '../options.js';
import { shownDir, writeDirAtomically } from '../output/atomic-dir.js';
import { allowLargeOption } from '../run-budget.js';
import { asking, numberOption, questionContext, questionOptions, seconds } from '../questions.js';
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
    y
      .positional('scenario', { type: 'string', describe: 'Scenario YAML file' })
      .options(simulationOptions)
      .options(uncertaintyOption)
      .options(questionOptions)
      .option('allow-large', allowLargeOption)
      .option('target', { type: 'string', requiresArg: true, describe: 'Target: "<measure> <op> <value> by <date>", e.g. "in_care[ifa_foster] < 80 by 2029-30"' })
      .option('probability', { type: 'string', requiresArg: true, describe: 'Meet the target in this share of replications (0.8 or 80%) instead of in mean' })
      .option('max-replications', { type: 'string', requiresArg: true, describe: 'Most replications per value the stopping rule may use (default 4 × replications)' }),
  examples: [
    ['carecast seek scenarios/foster-recruitment.yaml --lever "Recruitment campaign" --target "in_care[ifa_foster] < 80 by 2029-30" --from 0 --to 30', 'fewest extra in-house households a year bringing IFA placements under 80'],
    ['carecast seek scenarios/residential-beds.yaml --lever 1 --target "placed_out_of_preference[total] per year <= 5 by 2027-28" --probability 80% --from 0 --to 20', 'beds so that at most 5 a year are placed out of preference in 80% of outcomes'],
    ['carecast seek my-strategy.yaml --question "IFA under 80"', 'answer a question kept in the file\'s questions: section'],
  ],
  async run(args, io) {
    const started = performance.now();
    const ctx = await questionContext(args, io);
    const uncertainty = questionUncertainty(ctx.loaded, ctx.options, args);
    const out = String(args['out']);
    if (out.trim() === '') throw new UsageError('--out: expected a directory name');
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
      const name = args['question'] === undefined ? undefined : String(args['question']);
      const found = fileQuestions(ctx.loaded, 'seek', name);
      if (found.length === 0) throw new UsageError('expected --lever and --target, or a seek question in the scenario file\'s questions: section');
      if (found.length > 1) throw new UsageError(`the file has ${found.length} seek questions; expected --question with one of ${found.map((f) => `"${f.name}"`).join(', ')}`);
      question = found[0]!.question;
      fileIndex = found[0]!.index;
      const p = probabilityOption(args['probability']);
      if (p !== undefined) question.probability = p;
    }
    const maxR = intOption(args['max-replications'], 'max-replications', 2, 100_000);
    if (maxR !== undefined) question.maxReplications = maxR;
    const result = await asking(ctx.loaded, fileIndex, () => seekValue(ctx.loaded, question, ctx.options));
    const elapsed = performance.now() - started;
    const document = seekDocument(result, ctx, uncertainty, cliVersion());
    const written: string[] = [];
    await writeDirAtomically(out, async () => {
      const files = new Map<string, string | Uint8Array>([['results.json', `${JSON.stringify(document, null, 2)}\n`]]);
      for (const [k, v] of await seekReport(result, ctx.loaded.scenario.name, uncertainty)) files.set(k, v);
      written.push(...files.keys());
      return files;
    }, io.cwd);
    if (args['json'] === true) {
      io.stdout.write(`${JSON.stringify({ ...document, out, files: written, seconds: Math.round(elapsed) / 1000 }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.stdout.write(`${seekSentence(result)}\n`);
    io.stdout.write(`${BRACKET[result.bracket]}\n`);
    io.stdout.write(`${ctx.loaded.scenario.name}: seed ${result.seed}, ${result.runs} runs (${result.simulatedReplications} replications in all), measure read on ${result.date}, ${seconds(elapsed)}\n`);
    const { textTable } = await import('@carecast/report');
    io.stdout.write(textTable(...evidenceTable(result)));
    io.stdout.write(`Wrote ${written.length} files to ${shownDir(io.cwd, out)}/\n`);
    return EXIT.ok;
  },
};

/** results.json of a seek (docs/contract.md): the settings, the answer and every value tried. */
function seekDocument(r: SeekResult, ctx: { loaded: { file: string; scenario: { name: string } } }, uncertainty: UncertaintyKinds, version: string) {
  return { schemaVersion: 1, kind: 'seek', tool: { name: 'carecast', version }, scenario: { name: ctx.loaded.scenario.name, source: ctx.loaded.file }, uncertainty, ...r };
}
