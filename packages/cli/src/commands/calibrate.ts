import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import {
  DataError,
  buildSpells,
  calibrate as calibrateSpells,
  eachSpell,
  SpellTally,
  evidenceForOutput,
  careLeaverText,
  fitCareLeavers,
  fitCareLeaversForLa,
  fitMatchProbability,
  parseSupplyFile,
  MarchStocks,
  reproduceMarches,
  supplyTemplate,
  type SupplyFit,
  dataProblems,
  locateInputs,
  qualityPageHtml,
  qualityTable,
  readSsda903,
  toScenarioYaml,
  shownCount,
  MAX_DROPPED_SHARE,
  type CalibrationResult,
  type CareSpell,
  type DataQualitySummary,
  type RawReturn,
  type ReturnSummary,
  type SpellOptions,
  type SpellRange,
} from '@carecast/data';
import { isIsoDate } from '@carecast/engine';
import type { Args, CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIO } from '../io.js';
import { intOption } from '../options.js';
import { writeFilesTogether } from '../output/atomic-files.js';
import { shownDir } from '../output/atomic-dir.js';
import { reproductionText } from '../output/reproduction-text.js';
import { authorityCareLeaverText, authorityCareLeaversSummary, readCareLeaverTables } from './calibrate-care-leavers.js';

/** SSDA903 input and filter options shared by calibrate and backtest (whose --rolling needs no --reference). */
export function ssda903Options(y: Argv, referenceRequired = true): Argv {
  return y
    .option('folder', { type: 'string', describe: 'Folder of SSDA903 CSVs (header*.csv, episodes*.csv, uasc*.csv), of per-year sub-folders (2024/, 2023-24/) or per-year files (2023-episodes.csv); each return\'s year is read from its dates' })
    .option('episodes', { type: 'string', array: true, describe: 'Episodes CSV file(s): one per year or stacked with LA and YEAR columns' })
    .option('header', { type: 'string', array: true, describe: 'Header CSV file(s)' })
    .option('uasc', { type: 'string', array: true, describe: 'UASC CSV file(s)' })
    .option('reference', { type: 'string', demandOption: referenceRequired, describe: 'Reference window START:END (ISO dates, END inclusive), e.g. 2021-04-01:2024-03-31' })
    .option('duration-bands', { type: 'string', describe: 'Duration bands in days in care, e.g. 90,365,730 (default: none)' })
    .option('la', { type: 'string', array: true, describe: 'Keep only these local authorities (the LA column)' })
    .option('sex', { choices: ['male', 'female'] as const, describe: 'Keep only this sex' })
    .option('children', { choices: ['all', 'uasc', 'non-uasc'] as const, default: 'all' as const, describe: 'Keep UASC, non-UASC or all children' })
    .option('max-dropped', { type: 'number', default: 100 * MAX_DROPPED_SHARE, describe: 'Refuse (exit 2) when more than this percentage of Episodes rows is dropped' })
    .option('force', { type: 'boolean', default: false, describe: 'Go on despite a refusal (too many rows dropped, no care in the reference window, no children in care at its end)' })
    .option('suppress', { type: 'number', default: 5, describe: 'Shared outputs (data-quality page and table, backtest) show counts under N as <N and withhold figures that would give them back (0: off, disclosive)' })
    .option('parameter-uncertainty', {
      type: 'boolean',
      default: true,
      describe: 'Record each rate\'s posterior (Gamma for hazards and entries, Dirichlet for shares) so each replication draws its rates from it; --no-parameter-uncertainty takes the rates as known',
    });
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

/** What was read: the data-quality summary, the per-return figures and the spells' range (and the spells, when kept). */
export interface ReadData {
  quality: DataQualitySummary;
  returns: ReturnSummary[];
  range: SpellRange;
}

/** The returns read and the filters asked for, before any spell is made. */
export interface ReadReturns {
  raw: RawReturn;
  spellOptions: SpellOptions;
}

/** Reads and validates the SSDA903 files the options name; a structural problem is a usage error (exit 2). */
export async function readReturns(args: Args, io: CliIO): Promise<ReadReturns> {
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
    return { raw: await readSsda903(await locateInputs(selection, io.cwd)), spellOptions };
  } catch (err) {
    if (err instanceof DataError) throw new UsageError(err.message);
    throw err;
  }
}

/** Reads, validates and cleans the SSDA903 files into spells kept in memory (backtest, --each-la). */
export async function readSpells(args: Args, io: CliIO, window?: { referenceStart: string; referenceEnd: string }): Promise<ReadData & { spells: CareSpell[] }> {
  const { raw, spellOptions } = await readReturns(args, io);
  const spells = buildSpells(raw, spellOptions);
  const quality = raw.quality.summary();
  const tally = new SpellTally(quality, raw.dataEndByLa, window);
  for (const s of spells) tally.add(s);
  return { spells, quality, returns: tally.summaries(quality), range: tally };
}

/** Writes the data-quality summary to stderr: the per-return table (suppressed), warnings by kind with the first `file:row:col` messages, and the cleaning steps. */
export function reportQuality(data: ReadData, suppressBelow: number, io: CliIO): void {
  const { rows, issues, exclusions } = data.quality;
  io.stderr.write(`read ${rows.episodes} episode rows, ${rows.header} header rows, ${rows.uasc} UASC rows\n`);
  io.stderr.write(qualityTable(data.returns, suppressBelow));
  for (const issue of issues) {
    io.stderr.write(`warning: ${issue.count} × ${issue.kind}\n`);
    for (const example of issue.examples) io.stderr.write(`  ${example}\n`);
  }
  const left = Object.entries(exclusions).map(([k, n]) => `${k} ${n}`);
  if (left.length > 0) io.stderr.write(`cleaning steps: ${left.join(', ')}\n`);
}

/** Refuses (usage error, exit 2) when the data cannot support a fit, unless --force; then the problems are warnings. */
export function checkData(data: ReadData, window: { referenceStart: string; referenceEnd: string }, args: Args, io: CliIO): void {
  const maxDropped = Number(args['max-dropped'] ?? 100 * MAX_DROPPED_SHARE);
  if (!(maxDropped >= 0 && maxDropped <= 100)) throw new UsageError(`--max-dropped: expected a percentage from 0 to 100, got ${JSON.stringify(args['max-dropped'])}`);
  refuseOrWarn(dataProblems(data.quality, data.range, window, maxDropped / 100), args, io);
}

function refuseOrWarn(problems: readonly string[], args: Args, io: CliIO): void {
  if (problems.length === 0) return;
  if (args['force'] === true) {
    for (const p of problems) io.stderr.write(`warning: ${p} (going on: --force)\n`);
    return;
  }
  throw new UsageError(`${problems.join('; ')}; expected usable SSDA903 data (fix the input, or pass --force to go on anyway)`);
}

const stockOf = (r: CalibrationResult): number => (r.parameters.initialPopulation.counts ?? []).reduce((s, c) => s + c.count, 0);

/** Reads and checks a supply file; a problem is a usage error (exit 2) at file:line:col, before anything is written. */
async function readSupply(path: string, shown: string): Promise<ReturnType<typeof parseSupplyFile>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`--supply: cannot read ${shown}; expected a CSV file (measure,value)`);
  }
  try {
    return parseSupplyFile(text, shown);
  } catch (err) {
    if (err instanceof DataError) throw new UsageError(err.message);
    throw err;
  }
}

/** Template supply for a run from the window's start: sized to the stock then, with the calibrated types of care. */
function windowTemplate(r: CalibrationResult): ReturnType<typeof supplyTemplate> {
  const byCategory: Record<string, number> = {};
  for (const c of r.startStock) byCategory[c.category] = (byCategory[c.category] ?? 0) + c.count;
  const t = supplyTemplate(byCategory);
  return r.parameters.supply.typesOfCare ? { ...t, typesOfCare: r.parameters.supply.typesOfCare } : t;
}

/** The supply fit, for the terminal. */
function fitText(fit: SupplyFit): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    `supply fit: in-house share of ${fit.observedPlacements} new family foster placements observed ${pct(fit.observedShare)}, ` +
    `fitted ${pct(fit.fittedShare)} with matchProbability ${fit.matchProbability} (${fit.replications} replications; ` +
    `${pct(fit.shareAtOne)} if every vacant place suited every child)` +
    (fit.atBound ? `; WARNING: the observed share is outside what the supply allows, q is at its bound` : '') +
    '\n'
  );
}

/** The output path of one authority's scenario beside the combined one: `region.yaml` -> `region.la-E09000001.yaml`. */
export function perLaPath(out: string, la: string): string {
  const stem = basename(out).replace(/\.ya?ml$/i, '');
  return join(dirname(out), `${stem}.la-${la.replace(/[^A-Za-z0-9_-]/g, '_')}.yaml`);
}

/** The data-quality page beside a scenario: `my-la.yaml` -> `my-la.quality.html`. */
export const qualityPagePath = (out: string): string => join(dirname(out), `${basename(out).replace(/\.ya?ml$/i, '')}.quality.html`);

export const calibrate: CliCommand = {
  command: 'calibrate',
  describe: 'Estimate a scenario (entries, hazards, stock) from SSDA903 returns',
  builder: (y) =>
    ssda903Options(y)
      .option('out', { type: 'string', demandOption: true, describe: 'Scenario YAML file to write (disclosive: exact counts); the data-quality page goes beside it as NAME.quality.html' })
      .option('horizon', { type: 'number', default: 5, describe: 'Years the scenario runs after the reference window' })
      .option('name', { type: 'string', describe: 'Scenario name (default: Calibrated baseline)' })
      .option('each-la', { type: 'boolean', default: false, describe: 'Also write one scenario per authority (LA column) beside --out, named NAME.la-CODE.yaml' })
      .option('oc3', { type: 'string', array: true, describe: 'OC3 care-leaver CSV file(s) (CHILD, DOB, ACCOM; optional YEAR and LA): fits the care-leaver accommodation mix by age. Each file\'s collection year is the year its name gives, else its folder\'s (2024/oc3.csv, 2023/oc3_2024.csv: 2024), else the year ending on the window\'s end; a YEAR column (2024 or 2023-24, the year ending) wins row by row, so one file stacking several years is split by year. Default: any *oc3*.csv in --folder' })
      .option('supply', { type: 'string', describe: 'Supply CSV (measure,value: inhouse_foster_households, inhouse_foster_places, CATEGORY_beds, ... at the reference window\'s start): fits in-house foster matchProbability to the observed in-house share of new foster placements' })
      .option('check-replications', { type: 'number', default: 50, describe: 'Replications of the reproduction check (the scenario re-run over its reference window; 0: skip)' })
      .option('evidence', { type: 'string', describe: 'Also write the events and child-years behind each rate to this JSON file (disclosive)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary on stdout, exact counts included (disclosive)' }),
  examples: [
    [
      'carecast calibrate --episodes episodes.csv --header header.csv --uasc uasc.csv --reference 2021-04-01:2024-03-31 --out scenarios/my-la.yaml',
      'fit entries, hazards and the stock on 31 March 2024',
    ],
    ['carecast calibrate --folder ssda903/ --reference 2021-04-01:2024-03-31 --duration-bands 90,365,730 --out my-la.yaml', 'per-year folders, hazards by time in care'],
    ['carecast calibrate --episodes region-episodes.csv --header region-header.csv --uasc region-uasc.csv --reference 2021-04-01:2024-03-31 --each-la --out region.yaml', 'a stacked regional file: one scenario per authority and a combined one'],
  ],
  async run(args, io) {
    const window = referenceWindow(args['reference']);
    const bands = durationBands(args['duration-bands']);
    const horizonYears = intOption(args['horizon'], 'horizon', 1, 50)!;
    const suppressBelow = intOption(args['suppress'], 'suppress', 0, 100)!;
    const out = resolve(io.cwd, String(args['out']));
    const checkReplications = intOption(args['check-replications'], 'check-replications', 0, 10000)!;
    const supplyPath = typeof args['supply'] === 'string' ? String(args['supply']) : undefined;
    if (supplyPath !== undefined && args['each-la'] === true) throw new UsageError('--supply with --each-la: a supply file describes one authority; expected one or the other');
    const supplyFile = supplyPath === undefined ? undefined : await readSupply(resolve(io.cwd, supplyPath), supplyPath);
    const oc3 = await readCareLeaverTables(args, io, window.referenceEnd);
    const options = { ...window, horizonYears, ...(bands ? { durationBandsDays: bands } : {}), parameterUncertainty: args['parameter-uncertainty'] !== false };
    const fits: { la: string | null; path: string; result: CalibrationResult }[] = [];
    let data: ReadData;
    let combined: CalibrationResult;
    const marches = new MarchStocks(window);
    if (args['each-la'] === true) {
      const read = await readSpells(args, io, window);
      data = read;
      for (const s of read.spells) marches.add(s);
      const las = [...new Set(read.spells.map((s) => s.la))].sort();
      if (las.length === 1 && las[0] === '') throw new UsageError('--each-la: the data have no LA column; expected stacked files with LA and YEAR columns');
      for (const la of las) fits.push({ la, path: perLaPath(out, la), result: calibrateSpells(read.spells.filter((s) => s.la === la), options) });
      combined = calibrateSpells(read.spells, options);
    } else {
      // One pass, spells made and counted one child at a time: a national stack never holds them all.
      const { raw, spellOptions } = await readReturns(args, io);
      const tally = new SpellTally(raw.quality.summary(), raw.dataEndByLa, window);
      combined = calibrateSpells(marches.watch(tally.watch(eachSpell(raw, spellOptions))), options);
      const quality = raw.quality.summary();
      data = { quality, returns: tally.summaries(quality), range: tally };
    }
    reportQuality(data, suppressBelow, io);
    checkData(data, window, args, io);
    fits.push({ la: null, path: out, result: combined });
    const empty = fits.filter((f) => stockOf(f.result) === 0);
    refuseOrWarn(
      empty.map((f) => `no children in care at the end of ${window.referenceEnd}${f.la === null ? '' : ` for LA ${f.la}`} (the scenario would start from 0)`),
      args,
      io,
    );
    for (const w of combined.warnings) io.stderr.write(`warning: ${w}\n`);
    let fit: SupplyFit | undefined;
    if (supplyFile) {
      fit = fitMatchProbability(combined, supplyFile);
      combined = { ...combined, parameters: { ...combined.parameters, supply: fit.supply } };
      fits[fits.length - 1]!.result = combined;
    }
    const reproduction =
      checkReplications > 0 && combined.startStock.length > 0
        ? reproduceMarches(combined, fit?.supply ?? windowTemplate(combined), marches.stocks(), { replications: checkReplications })
        : undefined;
    const careLeavers = oc3 ? fitCareLeavers(combined, oc3) : undefined;
    // --each-la: each authority's mix from its own OC3 rows (LA column), else the default and why.
    const laLeavers = new Map(oc3 ? fits.flatMap((f) => (f.la === null ? [] : [[f.la, fitCareLeaversForLa(f.result, oc3, f.la)] as const])) : []);
    const name = typeof args['name'] === 'string' ? args['name'] : undefined;
    // The scenarios, the quality page and the evidence are written together or not at all.
    const files = new Map<string, string>();
    for (const f of fits) {
      const label = f.la === null ? name : `${name ?? 'Calibrated baseline'} (LA ${f.la})`;
      const fitted = f.la === null && fit && supplyPath !== undefined ? { supplyFit: { file: basename(supplyPath), fit } } : {};
      const own = f.la === null ? undefined : laLeavers.get(f.la);
      const leavers = f.la === null ? (careLeavers ? { careLeavers } : {}) : own?.fit ? { careLeavers: own.fit } : own?.note !== undefined ? { careLeaversNote: own.note } : {};
      files.set(f.path, toScenarioYaml(f.result, { suppressBelow, ...(label !== undefined ? { name: label } : {}), ...fitted, ...leavers }));
    }
    const subtitle =
      `Calibrated ${window.referenceStart} to ${window.referenceEnd} from ${data.quality.rows.episodes} Episodes rows in ${data.returns.length} returns; ` +
      `scenario ${basename(out)}.`;
    files.set(qualityPagePath(out), qualityPageHtml({ title: name ?? 'Calibrated baseline', subtitle, returns: data.returns, quality: data.quality, suppressBelow }));
    if (typeof args['evidence'] === 'string') {
      files.set(resolve(io.cwd, args['evidence']), `${JSON.stringify({ evidence: evidenceForOutput(combined.evidence, suppressBelow), dataQuality: data.quality }, null, 2)}\n`);
    }
    await writeFilesTogether(files, (p) => shownDir(io.cwd, p));
    const summaryOf = (r: CalibrationResult) => {
      const p = r.parameters;
      return {
        entriesPerYear: Math.round(Object.values(p.entries.perYear).reduce((s, x) => s + (x ?? 0), 0) * 10) / 10,
        uascEntriesPerYear: Math.round((p.uasc?.perYear ?? 0) * 10) / 10,
        stock: stockOf(r),
        rates: p.transitions.rates.length,
      };
    };
    const p = combined.parameters;
    const summary = {
      out: String(args['out']),
      qualityPage: qualityPagePath(String(args['out'])),
      spells: data.range.count,
      ...summaryOf(combined),
      start: p.start,
      end: p.end,
      warnings: combined.warnings,
      supply: fit
        ? { source: supplyPath, observedShare: fit.observedShare, fittedShare: fit.fittedShare, matchProbability: fit.matchProbability, shareAtOne: fit.shareAtOne, atBound: fit.atBound }
        : { source: 'template' },
      careLeavers: careLeavers
        ? { source: 'oc3', used: careLeavers.used, unusable: careLeavers.unusable, atSeventeen: careLeavers.atSeventeen, inhouseShare: careLeavers.inhouseShare, accommodationByAge: careLeavers.accommodationByAge, evidence: careLeavers.evidence }
        : { source: 'illustrative default' },
      ...(reproduction ? { reproduction } : {}),
      ...(args['each-la'] === true
        ? { authorities: fits.filter((f) => f.la !== null).map((f) => ({ la: f.la, out: f.path, ...summaryOf(f.result), ...authorityCareLeaversSummary(laLeavers.get(f.la!)) })) }
        : {}),
      dataQuality: {
        rows: data.quality.rows,
        returns: data.returns,
        dropped: data.quality.dropped,
        steps: data.quality.exclusions,
        issues: data.quality.issues,
      },
    };
    if (args['json'] === true) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const shown = (n: number): string => shownCount(n, suppressBelow);
      for (const f of fits) {
        const s = summaryOf(f.result);
        io.stdout.write(
          `${f.la === null ? summary.out : f.path}: ${s.entriesPerYear} entries a year (+${s.uascEntriesPerYear} UASC), ${shown(s.stock)} in care on ${window.referenceEnd}, ` +
            `${s.rates} hazard rows; runs ${p.start} to ${p.end}. ` +
            (f.la === null && fit ? `Supply from ${supplyPath}; costs are a template: edit them.\n` : 'Supply (TEMPLATE: no --supply file) and costs are a template: edit them.\n'),
        );
        if (f.la !== null && oc3) io.stdout.write(authorityCareLeaverText(f.la, laLeavers.get(f.la)!, suppressBelow));
      }
      if (fit) io.stdout.write(fitText(fit));
      io.stdout.write(careLeaverText(careLeavers, suppressBelow));
      if (reproduction) io.stdout.write(reproductionText(reproduction, suppressBelow, fit !== undefined));
      else if (checkReplications > 0) io.stdout.write(`reproduction check skipped: no children in care at the start of the reference window in the data\n`);
      io.stdout.write(`data quality: ${summary.qualityPage} (shareable); the scenario file holds exact counts (disclosive)\n`);
    }
    return EXIT.ok;
  },
};
