import { readFileSync } from 'node:fs';
import type { Results, SeriesRow } from '@carecast/engine';
import type { VegaTemplates } from '@carecast/report';

/**
 * The charts' Vega specs compiled at build time (scripts/chart-templates.mjs writes
 * dist/chart-templates.json), so the report draws charts of those shapes without compiling Vega-Lite;
 * none when the file is missing or unreadable (every chart is then compiled, into the same SVG).
 */
function vegaTemplates(): VegaTemplates | undefined {
  try {
    return JSON.parse(readFileSync(new URL('../chart-templates.json', import.meta.url), 'utf8')) as VegaTemplates;
  } catch {
    return undefined;
  }
}

/** The report's files (report.html, charts/...) keyed by path relative to the output directory. */
export async function reportFiles(input: {
  results: Results;
  baseline?: Results;
  compare?: readonly SeriesRow[];
  leversInWords?: readonly string[];
  /** Also draw each chart as PNG. __Default value:__ false */
  png?: boolean;
}): Promise<Map<string, string | Uint8Array>> {
  // Loaded on demand: the renderer is heavy and `validate`, `--help` and `--version` never need it.
  const { buildReport } = await import('@carecast/report');
  const files = await buildReport({ ...input, vegaTemplates: vegaTemplates(), utf8: true });
  return new Map(files instanceof Map ? files : Object.entries(files as Record<string, string | Uint8Array>));
}
