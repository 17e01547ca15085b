import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './escape.js';
import { renderSvg } from './svg.js';

/** What the report of `carecast sweep` or `carecast seek` shows. */
export interface QuestionReportInput {
  readonly title: string;
  /** The question's answer in sentences (seek) or what was swept (sweep). */
  readonly sentences: readonly string[];
  /** Facts about the run: [label, value] (scenario, seed, replications, date read, run time). */
  readonly facts: readonly (readonly [string, string])[];
  /** The values tried and their outcomes: a header and rows of formatted cells. */
  readonly table: PageTable;
  readonly charts: readonly { readonly name: string; readonly caption: string; readonly spec: TopLevelSpec }[];
}

const STYLE = `
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a; background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 8px; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; border-bottom: 1px solid #d0d0d0; padding-bottom: 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 0.9rem; }
dt { color: #555555; } dd { margin: 0; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid #e4e4e4; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #999999; }
caption { text-align: left; font-weight: bold; padding: 6px 0; }
figure { margin: 16px 0 28px; } figcaption { font-size: 0.85rem; color: #444444; max-width: 900px; }
figure svg { display: block; max-width: 100%; height: auto; }
`;

/**
 * The report of a sweep or a seek: `report.html` (one page, no script, charts inline as SVG, so it works
 * offline) and each chart as `charts/<name>.{svg,vl.json}`. Deterministic: the same input gives the same files.
 */
export async function questionReportFiles(input: QuestionReportInput): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const figures: string[] = [];
  for (const c of input.charts) {
    const svg = await renderSvg(c.spec);
    files.set(`charts/${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
    files.set(`charts/${c.name}.svg`, svg);
    figures.push(`<figure>${svg.replace(/^<\?xml[^>]*>\s*/, '')}<figcaption>${escapeHtml(c.caption)}</figcaption></figure>`);
  }
  const html = smallReportPage(input, `<h2>Response</h2>
${figures.join('\n')}
<h2>Values tried</h2>
${pageTableHtml(input.table)}
<p>Every value runs on the same seed and replications (common random numbers), so differences between values are not noise between runs. Ranges are of outcomes over replications; intervals are the precision of the mean. Results hold aggregates only.</p>`);
  files.set('report.html', html);
  return files;
}

/** A table of formatted cells for a page. */
export interface PageTable {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A table with its caption and column heads, every cell escaped. */
export function pageTableHtml(t: PageTable): string {
  return `<table>
<caption>${escapeHtml(t.caption)}</caption>
<thead><tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${t.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

/** One offline page of the small reports (seek, sweep, rolling backtest): title, sentences and facts, then `body`. */
export function smallReportPage(page: { readonly title: string; readonly sentences: readonly string[]; readonly facts: readonly (readonly [string, string])[] }, body: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(page.title)}</h1>
${page.sentences.map((s) => `<p>${escapeHtml(s)}</p>`).join('\n')}
<dl>${page.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
${body}
</main>
</body>
</html>
`;
}
