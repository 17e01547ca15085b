import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Results, SeriesRow } from '@carecast/engine';
import type { CliCommand } from '../command.js';
import { EXIT, UsageError } from '../errors.js';
import { shownDir, writeDirAtomically } from '../output/atomic-dir.js';
import { reportFiles } from '../output/report-files.js';
import { pngOption } from '../options.js';

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

/** Reads and checks a results.json; problems are usage errors naming the file (and place). */
export async function readResults(file: string, cwd: string): Promise<Results> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new UsageError(`${file}: no such file; expected a results.json written by carecast run or compare`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const where = m ? `:${lineCol(text, Number(m[1]))}` : '';
    throw new UsageError(`${file}${where}: not valid JSON (${(err as Error).message})`);
  }
  const r = value as Partial<Results>;
  if (typeof r !== 'object' || r === null || r.schemaVersion !== 1 || !Array.isArray(r.series) || typeof r.scenario?.name !== 'string') {
    throw new UsageError(`${file}: expected a Carecast results.json (schemaVersion 1, scenario, series)`);
  }
  return r as Results;
}

export const report: CliCommand = {
  command: 'report <results>',
  describe: 'Re-render the report from a results.json',
  builder: (y) =>
    y
      .positional('results', { type: 'string', describe: 'results.json written by run or compare' })
      .option('out', { type: 'string', describe: 'Output directory (default: report/ beside results.json)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout' })
      .option('png', pngOption),
  examples: [
    ['carecast report out/results.json --out out/report', 'rebuild report.html and the charts'],
    ['carecast report out/results.json --png', 'also draw every chart as PNG, without simulating again'],
  ],
  async run(args, io) {
    const file = String(args['results']);
    const results = await readResults(file, io.cwd);
    const out = args['out'] === undefined ? join(dirname(file), 'report') : String(args['out']);
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
    if (args['json'] === true) io.stdout.write(`${JSON.stringify({ results: file, out, files: written }, null, 2)}\n`);
    else io.stdout.write(`Wrote ${written.length} report files to ${shownDir(io.cwd, out)}/\n`);
    return EXIT.ok;
  },
};
