import { DROP_REASONS, type DataQualitySummary } from '../read/quality.js';
import { shownText, type Shown } from '../disclose/suppress.js';
import { shareableIssues, shareableReturns } from './shareable.js';
import type { ReturnSummary } from './return-summary.js';

export interface QualityPageInput {
  /** Page title, e.g. the scenario's name. */
  title: string;
  /** One line on what was read and fitted (no paths that name people). */
  subtitle: string;
  returns: readonly ReturnSummary[];
  quality: DataQualitySummary;
  /** Counts from 1 to this minus one are shown as `<N`; 0 or 1: none (the page is then disclosive). */
  suppressBelow: number;
}

// The same look as the Carecast report (packages/report): fonts, colours, tables.
const STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a; background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; border-bottom: 1px solid #d0d0d0; padding-bottom: 4px; }
.run { color: #404040; font-size: 0.9rem; margin: 0; }
table { border-collapse: collapse; font-size: 0.9rem; width: 100%; }
th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #999999; }
.note { font-size: 0.85rem; color: #444444; }
`;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const cell = (s: Shown | null): string => `<td>${s === null ? '&ndash;' : s === 'withheld' ? '<span title="withheld: it would give a suppressed count back">&middot;</span>' : escapeHtml(shownText(s))}</td>`;

/**
 * The data-quality page: per return and authority, what became of the Episodes rows (read, used, merged,
 * excluded, dropped by reason) and the children (in care on 31 March, entries, exits, open episodes that
 * vanished), then the warnings by kind. With `suppressBelow` > 1 it is safe to share: counts under it are
 * `<N`, figures that would give one back are withheld, warnings are banded and quote no row. One
 * self-contained HTML file; it loads nothing.
 */
export function qualityPageHtml(input: QualityPageInput): string {
  const k = input.suppressBelow;
  const rows = shareableReturns(input.returns, k);
  const reasons = DROP_REASONS.filter((r) => input.returns.some((x) => (x.dropped[r] ?? 0) > 0));
  const las = new Set(input.returns.map((r) => r.la)).size;
  const la = (s: string) => `<td>${escapeHtml(s || '(one authority)')}</td>`;
  const rowTable = rows
    .map(
      (r) =>
        `<tr>${las > 1 || r.la ? la(r.la) : ''}<td>${r.year > 0 ? `to ${r.yearEnd}` : 'unknown'}</td>${cell(r.rowsRead)}${cell(r.used)}${cell(r.merged)}${cell(r.excluded)}${cell(r.droppedTotal)}` +
        `${reasons.map((x) => cell(r.dropped[x] ?? 0)).join('')}</tr>`,
    )
    .join('\n');
  const childTable = rows
    .map((r) => `<tr>${las > 1 || r.la ? la(r.la) : ''}<td>${r.year > 0 ? r.yearEnd : 'unknown'}</td>${cell(r.inCare)}${cell(r.entries)}${cell(r.exits)}${cell(r.vanished)}</tr>`)
    .join('\n');
  const laHead = las > 1 || rows.some((r) => r.la) ? '<th>Authority</th>' : '';
  const issues = shareableIssues(input.quality.issues, k);
  const safe = k > 1;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Data quality: ${input.title}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Data quality: ${escapeHtml(input.title)}</h1>
<p class="run">${escapeHtml(input.subtitle)}</p>
<p class="note">${
    safe
      ? `Counts from 1 to ${k - 1} are shown as &lt;${k}; a figure marked &middot; is withheld because it would give such a count back by subtraction. ` +
        'Warnings are counted in bands. This page holds aggregates only and is meant to be shareable.'
      : 'Suppression is off: this page shows exact counts and is disclosive; do not publish it.'
  }</p>
<h2>Episodes rows by return</h2>
<p class="note">Every row read is used, merged (the same episode again in a later return, stitched into one), excluded on purpose (short breaks outside a care period, filters) or dropped with a reason.</p>
<table>
<thead><tr>${laHead}<th>Return</th><th>Rows read</th><th>Used</th><th>Merged</th><th>Excluded</th><th>Dropped</th>${reasons.map((r) => `<th>${escapeHtml(r)}</th>`).join('')}</tr></thead>
<tbody>
${rowTable}
</tbody>
</table>
<h2>Children by return</h2>
<p class="note">In care at the end of each 31 March; care spells begun (entries) and ended with an exit (exits) within the year; open episodes missing from the next return, closed at the end of this one (not exits). &ndash;: the data stop before that date.</p>
<table>
<thead><tr>${laHead}<th>31 March</th><th>In care</th><th>Entries</th><th>Exits</th><th>Vanished</th></tr></thead>
<tbody>
${childTable}
</tbody>
</table>
<h2>Warnings</h2>
${issues.length === 0 ? '<p class="note">None.</p>' : `<table>\n<thead><tr><th>Kind</th><th>Count</th></tr></thead>\n<tbody>\n${issues.map((i) => `<tr><td>${escapeHtml(i.kind)}</td><td>${escapeHtml(i.count)}</td></tr>`).join('\n')}\n</tbody>\n</table>`}
</main>
</body>
</html>
`;
}
