import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import {
  DataError,
  buildSpells,
  calibrate as calibrateSpells,
  evidenceForOutput,
  locateInputs,
  readSsda903,
  toScenarioYaml,
  type CareSpell,
  type DataQualitySummary,
  type SpellOptions,
} from '@carecast/data';
import { isIsoDate } from '@carecast/engine';
import type { Args, CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { intOption } from '../options.js';

/** SSDA903 input and filter options shared by calibrate and backtest. */
export function ssda903Options(y: Argv): Argv {
  return y
    .option('folder', { type: 'string', describe: 'Folder of SSDA903 CSVs (header*.csv, episodes*.csv, uasc*.csv), or of per-year sub-folders (2024/, 2023-24/)' })
    .option('episodes', { type: 'string', array: true, describe: 'Episodes CSV file(s): one per year or stacked with LA and YEAR columns' })
    .option('header', { type: 'string', array: true, describe: 'Header CSV file(s)' })
    .option('uasc', { type: 'string', array: true, describe: 'UASC CSV file(s)' })
    .option('reference', { type: 'string', demandOption: true, describe: 'Reference window START:END (ISO dates, END inclusive), e.g. 2021-04-01:2024-03-31' })
    .option('duration-bands', { type: 'string', describe: 'Duration bands in days in care, e.g. 90,365,730 (default: none)' })
    .option('la', { type: 'string', array: true, describe: 'Keep only these local authorities (the LA column)' })
    .option('sex', { choices: ['male', 'female'] as const, describe: 'Keep only this sex' })
    .option('children', { choices: ['all', 'uasc', 'non-uasc'] as const, default: 'all' as const, describe: 'Keep UASC, non-UASC or all children' });
}

/** The reference window from `START:END`. */
export function referenceWindow(value: unknown): { referenceStart: string; referenceEnd: string } {
  const [start, end, ...rest] = String(value).split(':');
  if (rest.length > 0 || !start || !end || !isIsoDate(start) || !isIsoDate(end) || end <= start) {
    throw new UsageError(`--reference: expected START:END ISO dates with START before END, e.g. 2021-04-01:2024-03-31; got ${JSON.stringify(value)}`);
  }
  return { referenceStart: start, referenceEnd: end };
}

/** Duration band bounds in days from `90,365,730`. */
export function durationBands(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  const parts = String(value).split(',').map((s) => s.trim());
  const days = parts.map(Number);
  if (parts.some((p) => p === '') || days.some((d, i) => !Number.isInteger(d) || d <= 0 || (i > 0 && d <= days[i - 1]!))) {
    throw new UsageError(`--duration-bands: expected increasing whole days separated by commas, e.g. 90,365,730; got ${JSON.stringify(value)}`);
  }
  return days;
}

/** Reads, validates and cleans the SSDA903 files the options name; a structural problem is a usage error (exit 2). */
export async function readSpells(args: Args, io: CliIO): Promise<{ spells: CareSpell[]; quality: DataQualitySummary }> {
  const spellOptions: SpellOptions = {};
  if (Array.isArray(args['la'])) spellOptions.las = (args['la'] as unknown[]).map(String);
  if (args['sex'] === 'male' || args['sex'] === 'female') spellOptions.sex = args['sex'];
  if (args['children'] === 'uasc') spellOptions.uasc = true;
  if (args['children'] === 'non-uasc') spellOptions.uasc = false;
  const list = (k: string): string[] | undefined => (Array.isArray(args[k]) ? (args[k] as unknown[]).map(String) : undefined);
  try {
    const selection: Parameters<typeof locateInputs>[0] = {};
    if (typeof args['folder'] === 'string') selection.folder = args['folder'];
    const header = list('header');
    const episodes = list('episodes');
    const uasc = list('uasc');
    if (header) selection.header = header;
    if (episodes) selection.episodes = episodes;
    if (uasc) selection.uasc = uasc;
    const raw = await readSsda903(await locateInputs(selection, io.cwd));
    const spells = buildSpells(raw, spellOptions);
    return { spells, quality: raw.quality.summary() };
  } catch (err) {
    if (err instanceof DataError) throw new UsageError(err.message);
    throw err;
  }
}

/** Writes the data-quality summary to stderr: counts by kind and the first few `file:row:col` messages. */
export function reportQuality(quality: DataQualitySummary, io: CliIO): void {
  const { rows, issues, exclusions } = quality;
  io.stderr.write(`read ${rows.episodes} episode rows, ${rows.header} header rows, ${rows.uasc} UASC rows\n`);
  for (const issue of issues) {
    io.stderr.write(`warning: ${issue.count} × ${issue.kind}\n`);
    for (const example of issue.examples) io.stderr.write(`  ${example}\n`);
  }
  const left = Object.entries(exclusions).map(([k, n]) => `${k} ${n}`);
  if (left.length > 0) io.stderr.write(`cleaning: ${left.join(', ')}\n`);
}

/** Writes a file whole or not at all (temporary file, then rename). */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export const calibrate: CliCommand = {
  command: 'calibrate',
  describe: 'Estimate a scenario (entries, hazards, stock) from SSDA903 returns',
  builder: (y) =>
    ssda903Options(y)
      .option('out', { type: 'string', demandOption: true, describe: 'Scenario YAML file to write' })
      .option('horizon', { type: 'number', default: 5, describe: 'Years the scenario runs after the reference window' })
      .option('name', { type: 'string', describe: 'Scenario name (default: Calibrated baseline)' })
      .option('suppress', { type: 'number', default: 5, describe: 'Write counts under N as <N and merge small stock cells (0: off)' })
      .option('evidence', { type: 'string', describe: 'Also write the events and child-years behind each rate to this JSON file' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary on stdout' }),
  examples: [
    [
      'carecast calibrate --episodes episodes.csv --header header.csv --uasc uasc.csv --reference 2021-04-01:2024-03-31 --out scenarios/my-la.yaml',
      'fit entries, hazards and the stock on 31 March 2024',
    ],
    ['carecast calibrate --folder ssda903/ --reference 2021-04-01:2024-03-31 --duration-bands 90,365,730 --out my-la.yaml', 'per-year folders, hazards by time in care'],
  ],
  async run(args, io) {
    const window = referenceWindow(args['reference']);
    const bands = durationBands(args['duration-bands']);
    const horizonYears = intOption(args['horizon'], 'horizon', 1, 50)!;
    const suppressBelow = intOption(args['suppress'], 'suppress', 0, 100)!;
    const out = resolve(io.cwd, String(args['out']));
    const { spells, quality } = await readSpells(args, io);
    reportQuality(quality, io);
    if (spells.length === 0) throw new UsageError('no care spells left after reading and filtering; expected episodes for the children selected');
    const result = calibrateSpells(spells, { ...window, horizonYears, ...(bands ? { durationBandsDays: bands } : {}) });
    for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
    const yaml = toScenarioYaml(result, { suppressBelow, ...(typeof args['name'] === 'string' ? { name: args['name'] } : {}) });
    await writeAtomically(out, yaml);
    if (typeof args['evidence'] === 'string') {
      await writeAtomically(resolve(io.cwd, args['evidence']), `${JSON.stringify({ evidence: evidenceForOutput(result.evidence, suppressBelow), dataQuality: quality }, null, 2)}\n`);
    }
    const p = result.parameters;
    const entries = Object.values(p.entries.perYear).reduce((s, x) => s + (x ?? 0), 0);
    const stock = (p.initialPopulation.counts ?? []).reduce((s, c) => s + c.count, 0);
    const summary = {
      out: String(args['out']),
      spells: spells.length,
      entriesPerYear: Math.round(entries * 10) / 10,
      uascEntriesPerYear: Math.round((p.uasc?.perYear ?? 0) * 10) / 10,
      stock,
      rates: p.transitions.rates.length,
      start: p.start,
      end: p.end,
      warnings: result.warnings,
    };
    if (args['json'] === true) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const shown = (n: number) => (n > 0 && n < suppressBelow ? `<${suppressBelow}` : String(n));
      io.stdout.write(
        `${summary.out}: ${summary.entriesPerYear} entries a year (+${summary.uascEntriesPerYear} UASC), ${shown(stock)} in care on ${window.referenceEnd}, ` +
          `${summary.rates} hazard rows; runs ${p.start} to ${p.end}. Supply and costs are a template: edit them.\n`,
      );
    }
    return EXIT.ok;
  },
};
