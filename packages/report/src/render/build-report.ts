import type { Results, SeriesRow } from '@carecast/engine';
import { buildCharts } from '../charts/index.js';
import { reportHtml } from './html.js';
import { keyNumbers } from './key-numbers.js';
import { renderPng } from './png.js';
import { renderSvg } from './svg.js';

/** What a report is built from. */
export interface ReportInput {
  readonly results: Results;
  /** The baseline run, when `results` is a scenario compared against it. */
  readonly baseline?: Results | undefined;
  /** Rows of `carecast compare`: every scenario's rows with `scenario`, differences with `delta: true`. */
  readonly compare?: readonly SeriesRow[] | undefined;
  /** The scenario's levers, one plain-English sentence each. */
  readonly leversInWords?: readonly string[] | undefined;
  readonly title?: string | undefined;
}

/** Report files by path relative to the output folder: `report.html` and `charts/<name>.{svg,png,vl.json}`. */
export type ReportFiles = Map<string, string | Uint8Array>;

/**
 * Builds every report file in memory, writing nothing: the self-contained report.html and each chart as
 * Vega-Lite JSON, SVG and PNG. The same input always gives byte-identical files.
 */
export async function buildReport(input: ReportInput): Promise<ReportFiles> {
  const { results } = input;
  if (!Array.isArray(results?.series)) throw new TypeError('buildReport: results.series must be an array of rows');
  const data = { results, baseline: input.baseline, compare: input.compare };
  const charts = buildCharts(data);
  const files: ReportFiles = new Map();
  files.set(
    'report.html',
    reportHtml({
      title: input.title ?? `Carecast projection: ${results.scenario.name}`,
      results,
      baseline: input.baseline,
      leversInWords: input.leversInWords ?? [],
      keyNumbers: keyNumbers(data),
      charts,
    }),
  );
  for (const { name, spec } of charts) {
    const svg = await renderSvg(spec);
    files.set(`charts/${name}.vl.json`, `${JSON.stringify(spec, null, 2)}\n`);
    files.set(`charts/${name}.svg`, svg);
    files.set(`charts/${name}.png`, renderPng(svg));
  }
  return files;
}
