import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Results, SeriesRow } from '@carecast/engine';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { shownDir, writeDirAtomically } from '../output/atomic-dir.js';
import { reportFiles } from '../output/report-files.js';
import { pngOption } from '../options.js';
import type { CliIO } from '../io.js';
import { questionDocumentReport } from './report-question.js';

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

/** Reads a results.json as JSON; a missing file or bad JSON is a usage error naming the file (and place). */
async function readDocument(file: string, cwd: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new UsageError(`${file}: no such file; expected a results.json written by carecast run, compare, sweep or seek`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const where = m ? `:${lineCol(text, Number(m[1]))}` : '';
    throw new UsageError(`${file}${where}: not valid JSON (${(err as Error).message})`);
  }
}

/** A run's or a comparison's results (no `kind`), checked; other documents are usage errors naming the file. */
function asResults(value: unknown, file: string): Results {
  const r = value as Partial<Results>;
  if (typeof r !== 'object' || r === null || r.schemaVersion !== 1 || !Array.isArray(r.series) || typeof r.scenario?.name !== 'string') {
    throw new UsageError(`${file}: expected a Carecast results.json (schemaVersion 1, scenario, series)`);
  }
  return r as Results;
}

/** Reads and checks a results.json of `run` or `compare`; problems are usage errors naming the file (and place). */
export async function readResults(file: string, cwd: string): Promise<Results> {
  return asResults(await readDocument(file, cwd), file);
}

/** `sweep` or `seek` for their documents (`kind`); undefined for a run's or a comparison's. */
function questionKind(value: unknown, file: string): 'sweep' | 'seek' | undefined {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return undefined;
  const kind = (value as { kind: unknown }).kind;
  if (kind === 'sweep' || kind === 'seek') {
    if ((value as { schemaVersion?: unknown }).schemaVersion !== 1) throw new UsageError(`${file}: expected schemaVersion 1 in a ${kind} results.json`);
    return kind;
  }
  throw new UsageError(`${file}: a results.json of kind ${JSON.stringify(kind)}; expected one written by carecast run, compare (no kind), sweep or seek`);
}

export const report: CliCommand = {
  command: 'report <results>',
  describe: 'Re-render the report from a results.json',
  builder: (y) =>
    y
      .positional('results', { type: 'string', describe: 'results.json written by run, compare, sweep or seek' })
      .option('out', { type: 'string', describe: 'Output directory (default: report/ beside results.json)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' })
      .option('png', pngOption),
  examples: [
    ['carecast report out/results.json --out out/report', 'rebuild report.html and the charts'],
    ['carecast report out/results.json --png', 'also draw every chart as PNG, without simulating again'],
    ['carecast report sweep/results.json', 'the report of a sweep (or a seek) again, from its results.json'],
  ],
  async run(args, io) {
    const file = String(args['results']);
    const document = await readDocument(file, io.cwd);
    const out = args['out'] === undefined ? join(dirname(file), 'report') : String(args['out']);
    const kind = questionKind(document, file);
    if (kind !== undefined) {
      const written: string[] = [];
      await writeDirAtomically(out, async () => {
        const files = await questionDocumentReport(document as Record<string, unknown>, kind, file, args['png'] === true);
        written.push(...files.keys());
        return files;
      }, io.cwd);
      return wrote(file, out, written, args, io);
    }
    const results = asResults(document, file);
    const compareRows: SeriesRow[] = results.series.filter((r) => r.scenario !== undefined);
    const input =
      compareRows.length > 0
        ? { results, baseline: { ...results, series: results.series.filter((r) => r.scenario === undefined) }, compare: compareRows }
        : { results };
    const written: string[] = [];
    await writeDirAtomically(out, async () => {
      let files: Map<string, string | Uint8Array>;
      try {
        files = await reportFiles({ ...input, png: args['png'] === true });
      } catch (err) {
        // The renderer checks the document's shape and names the bad field with a TypeError.
        if (err instanceof TypeError) throw new UsageError(`${file}: ${err.message}`);
        throw err;
      }
      written.push(...files.keys());
      return files;
    }, io.cwd);
    return wrote(file, out, written, args, io);
  },
};

/** What the command prints once the report is written. */
function wrote(file: string, out: string, written: readonly string[], args: Record<string, unknown>, io: CliIO): number {
  if (args['json'] === true) io.stdout.write(`${JSON.stringify({ results: file, out, files: written }, null, 2)}\n`);
  else io.stdout.write(`Wrote ${written.length} report files to ${shownDir(io.cwd, out)}/\n`);
  return EXIT.ok;
}
