import type { TopLevelSpec } from 'vega-lite';
import { chartTextAlternative } from './text-alternative.js';
import { escapeHtml } from './escape.js';
import { pageTableHtml, smallReportPage, type PageTable } from './question-report.js';

export type { PageTable };
import { renderSvg } from './svg.js';

/** What the report of `carecast backtest --rolling` shows: sentences, facts, charts, then tables. */
export interface RollingReportInput {
  readonly title: string;
  readonly sentences: readonly string[];
  /** Facts about the run: [label, value] (data, reference years, horizons, replications, seed). */
  readonly facts: readonly (readonly [string, string])[];
  readonly charts: readonly { readonly name: string; readonly caption: string; readonly spec: TopLevelSpec }[];
  readonly tables: readonly PageTable[];
  /** Closing notes (what the figures cover, suppression). */
  readonly notes: readonly string[];
}

/**
 * The rolling backtest's `report.html` (one page, no script, charts inline as SVG with their text
 * alternative, so it works offline) and each chart as `charts/<name>.{svg,vl.json}`. Deterministic.
 */
export async function rollingReportFiles(input: RollingReportInput): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const figures: string[] = [];
  for (const c of input.charts) {
    const svg = await renderSvg(c.spec);
    files.set(`charts/${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
    files.set(`charts/${c.name}.svg`, svg);
    const words = chartTextAlternative(c.spec);
    figures.push(
      `<figure>${svg.replace(/^<\?xml[^>]*>\s*/, '').replace('<svg', `<svg role="img" aria-label="${escapeHtml(words)}"`)}<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`,
    );
  }
  const html = smallReportPage(input, `<h2>Forecasts against actuals</h2>
${figures.join('\n')}
<h2>Accuracy tables</h2>
${input.tables.map(pageTableHtml).join('\n')}
${input.notes.map((s) => `<p>${escapeHtml(s)}</p>`).join('\n')}`);
  files.set('report.html', html);
  return files;
}
