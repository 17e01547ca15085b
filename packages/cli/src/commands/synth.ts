import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { synthesize } from '@carecast/data';
import { compileScenarioFile } from '@carecast/scenario';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { intOption, MAX_SEED } from '../options.js';

const MARKER = 'SYNTHETIC.txt';

export const synth: CliCommand = {
  command: 'synth',
  describe: 'Write synthetic SSDA903 returns (demo data, no real child) simulated from a scenario',
  builder: (y) =>
    y
      .option('scenario', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
      .option('years', { type: 'number', demandOption: true, describe: 'Collection years to simulate from the scenario start' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed; the same seed writes the same files' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder (one sub-folder per collection year)' }),
  examples: [['carecast synth --scenario scenarios/baseline.yaml --years 3 --seed 1 --out demo-ssda903', 'three yearly returns of Header, Episodes, UASC and OC3 CSVs']],
  async run(args, io) {
    const years = intOption(args['years'], 'years', 1, 50)!;
    const seed = intOption(args['seed'], 'seed', 0, MAX_SEED)!;
    const scenario = await compileScenarioFile(String(args['scenario']), { cwd: io.cwd });
    const out = resolve(io.cwd, String(args['out']));
    try {
      const entries = await readdir(out);
      if (entries.length > 0 && !entries.includes(MARKER)) {
        throw new UsageError(`${String(args['out'])} is not empty and holds no synthetic data (${MARKER}); choose a new folder`);
      }
    } catch (err) {
      if (err instanceof UsageError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOTDIR') throw new UsageError(`${String(args['out'])} exists and is not a folder`);
    }
    // Everything goes to a temporary folder first, so a failure leaves no partial data behind.
    const tmp = join(dirname(out), `.${basename(out)}.tmp-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    try {
      await mkdir(tmp, { recursive: true });
      const files = await synthesize(scenario.params, { years, seed, out: tmp });
      await writeFile(
        join(tmp, MARKER),
        `Synthetic SSDA903 returns simulated by carecast synth from ${String(args['scenario'])} (seed ${seed}, ${years} years).\n` +
          'Demo data: every child, identifier and date of birth is simulated; no real child is in it.\n',
      );
      if (await stat(out).then(() => true, () => false)) await rm(out, { recursive: true });
      await rename(tmp, out);
      io.stdout.write(`${String(args['out'])}: ${files.length / 4} collection years of Header, Episodes, UASC and OC3 (care leavers) CSVs (synthetic)\n`);
    } catch (err) {
      await rm(tmp, { recursive: true, force: true });
      throw err;
    }
    return EXIT.ok;
  },
};
