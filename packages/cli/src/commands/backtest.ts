import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { backtest as runBacktest } from '@carecast/data';
import { compileScenarioFile } from '@carecast/scenario';
import type { CliCommand } from '../command.js';
import { EXIT } from '../errors.js';
import { intOption } from '../options.js';
import { durationBands, readSpells, referenceWindow, reportQuality, ssda903Options } from './calibrate.js';

export const backtest: CliCommand = {
  command: 'backtest',
  describe: 'Fit on a reference window, forecast the next years and compare with the actual stock each 31 March',
  builder: (y) =>
    ssda903Options(y)
      .option('years', { type: 'number', default: 2, describe: 'Years forecast after the reference window' })
      .option('replications', { type: 'number', default: 100, describe: 'Monte Carlo replications' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of every random stream' })
      .option('workers', { type: 'number', describe: 'Worker threads (default: all cores)' })
      .option('supply-from', { type: 'string', describe: 'Scenario YAML whose supply (capacity, fallbacks) the forecast uses; default: unlimited' })
      .option('out', { type: 'string', describe: 'Also write the comparison rows to this JSON file' })
      .option('json', { type: 'boolean', default: false, describe: 'Print the rows as JSON on stdout' }),
  examples: [['carecast backtest --folder ssda903/ --reference 2019-04-01:2021-03-31 --years 3', 'fit on two years, check three later 31 Marches']],
  async run(args, io) {
    const window = referenceWindow(args['reference']);
    const bands = durationBands(args['duration-bands']);
    const years = intOption(args['years'], 'years', 1, 20)!;
    const replications = intOption(args['replications'], 'replications', 1, 100_000)!;
    const seed = intOption(args['seed'], 'seed', 0, 4_294_967_295)!;
    const workers = intOption(args['workers'], 'workers', 1, 256);
    const supply = typeof args['supply-from'] === 'string' ? (await compileScenarioFile(args['supply-from'], { cwd: io.cwd })).params.supply : undefined;
    const { spells, quality } = await readSpells(args, io);
    reportQuality(quality, io);
    const result = await runBacktest(spells, {
      ...window,
      years,
      replications,
      seed,
      ...(workers !== undefined ? { workers } : {}),
      ...(supply ? { supply } : {}),
      ...(bands ? { durationBandsDays: bands } : {}),
    });
    for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
    if (typeof args['out'] === 'string') await writeFile(resolve(io.cwd, args['out']), `${JSON.stringify(result.rows, null, 2)}\n`);
    if (args['json'] === true) {
      io.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
      return EXIT.ok;
    }
    if (result.rows.length === 0) {
      io.stdout.write('no 31 March after the reference window is covered by the data: nothing to compare\n');
      return EXIT.ok;
    }
    const pad = (s: string, n: number) => s.padEnd(n);
    io.stdout.write(`${pad('date', 12)}${pad('category', 22)}${pad('forecast', 10)}${pad('p05-p95', 14)}${pad('actual', 8)}error\n`);
    for (const r of result.rows) {
      if (r.actual === 0 && r.forecastMean < 0.5) continue;
      io.stdout.write(
        `${pad(r.date, 12)}${pad(r.category, 22)}${pad(r.forecastMean.toFixed(1), 10)}${pad(`${r.forecastP05.toFixed(0)}-${r.forecastP95.toFixed(0)}`, 14)}${pad(String(r.actual), 8)}` +
          `${r.error >= 0 ? '+' : ''}${r.error.toFixed(1)}${r.within90 ? '' : ' (outside 90%)'}\n`,
      );
    }
    return EXIT.ok;
  },
};
