import type { Results, SeriesRow } from '@carecast/engine';

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
  const files = await buildReport(input);
  return new Map(files instanceof Map ? files : Object.entries(files as Record<string, string | Uint8Array>));
}
