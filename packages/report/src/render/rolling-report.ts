import type { TopLevelSpec } from 'vega-lite';
import { chartTextAlternative } from './text-alternative.js';
import { escapeHtml } from './escape.js';
import { STYLE } from './question-report.js';
import { renderSvg } from './svg.js';

/** A table of formatted cells for the page. */
export interface PageTable {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

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
  const table = (t: PageTable) => `<table>
<caption>${escapeHtml(t.caption)}</caption>
<thead><tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(input.title)}</h1>
${input.sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join('\n')}
<dl>${input.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<h2>Forecasts against actuals</h2>
${figures.join('\n')}
<h2>Accuracy tables</h2>
${input.tables.map(table).join('\n')}
${input.notes.map((s) => `<p>${escapeHtml(s)}</p>`).join('\n')}
</main>
</body>
</html>
`;
  files.set('report.html', html);
  return files;
}
