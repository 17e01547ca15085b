import { compileScenarioFile, formatPath, ScenarioError, type Issue } from '@carecast/scenario';
import type { CliCommand } from '../command.js';
import { EXIT } from '../errors.js';
import { allowLargeOption, checkRunBudget } from '../run-budget.js';

interface Outcome {
  file: string;
  ok: boolean;
  name?: string;
  levers?: string[];
  warnings?: string[];
  issues?: Issue[];
  /** An internal error (a bug) met while checking this file; the other files are still checked. */
  failure?: string;
}

export const validate: CliCommand = {
  command: 'validate <scenarios..>',
  describe: 'Check scenario files without running them',
  builder: (y) =>
    y
      .positional('scenarios', { type: 'string', array: true, describe: 'Scenario YAML files' })
      .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' })
      .option('allow-large', allowLargeOption),
  examples: [
    ['carecast validate scenarios/*.yaml', 'check every scenario in the folder'],
    ['carecast validate my.yaml --json', 'list problems as JSON (file, line, col, path, message)'],
  ],
  async run(args, io) {
    const files = (args['scenarios'] as string[]).map(String);
    const outcomes: Outcome[] = [];
    for (const file of files) {
      try {
        const c = await compileScenarioFile(file, { cwd: io.cwd });
        checkRunBudget(c, { replications: c.replications, replicationsFromFlag: false, allowLarge: args['allow-large'] === true });
        outcomes.push({ file, ok: true, name: c.name, levers: c.leversInWords, warnings: c.warnings });
      } catch (err) {
        if (err instanceof ScenarioError) outcomes.push({ file, ok: false, issues: [...err.issues] });
        else outcomes.push({ file, ok: false, failure: err instanceof Error ? err.message : String(err) });
      }
    }
    if (args['json'] === true) {
      const json = outcomes.map((o) => ({
        ...o,
        ...(o.issues ? { issues: o.issues.map((i) => ({ ...i, path: formatPath(i.path) })) } : {}),
      }));
      io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      for (const o of outcomes) {
        if (o.ok) {
          const levers = o.levers!.length;
          io.stdout.write(`${o.file}: ok (${o.name}; ${levers} lever${levers === 1 ? '' : 's'})\n`);
          for (const w of o.warnings ?? []) io.stderr.write(`${o.file}: warning: ${w}\n`);
        } else if (o.issues !== undefined) {
          io.stderr.write(`${new ScenarioError(o.issues).message}\n`);
        } else {
          io.stderr.write(`${o.file}: internal error while checking: ${o.failure}\n`);
        }
      }
    }
    if (outcomes.some((o) => o.failure !== undefined)) return EXIT.failure;
    return outcomes.every((o) => o.ok) ? EXIT.ok : EXIT.usage;
  },
};
