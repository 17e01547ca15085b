import type { Results } from '@carecast/engine';
import type { TopLevelSpec } from 'vega-lite';
import type { BrowserLibraries } from './libraries.js';
import { escapeHtml, jsonForScript, scriptForHtml } from './escape.js';
import { formatDate, formatNumber } from './format.js';
import type { FyTable } from '../tables/financial-years.js';
import type { LeverAttribution } from '../by-lever/attribution.js';
import { BY_LEVER_NOTES, byLeverLines } from '../by-lever/table.js';
import { formatFyCell } from '../tables/format.js';
import type { KeyNumbers } from './key-numbers.js';
import { chartTextAlternative } from './text-alternative.js';

/** What report.html shows. */
export interface HtmlInput {
  readonly title: string;
  readonly results: Results;
  readonly baseline?: Results | undefined;
  /** Undefined when unknown (a report re-rendered from a results.json written without levers). */
  readonly leversInWords: readonly string[] | undefined;
  /** Names of the scenarios compared against the baseline, if any. */
  readonly compared?: readonly string[] | undefined;
  readonly keyNumbers: KeyNumbers;
  /** The summary in plain sentences, each built from the tables' numbers. */
  readonly summary: readonly string[];
  readonly financialYears: readonly FyTable[];
  /** Compared scenarios split by lever (`carecast compare --by-lever`); none when empty. */
  readonly byLever?: readonly LeverAttribution[] | undefined;
  readonly charts: readonly { readonly name: string; readonly caption: string; readonly spec: TopLevelSpec }[];
  /** vega, vega-lite and vega-embed as text, inlined into the page (assets.ts reads them on Node). */
  readonly libraries: BrowserLibraries;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a; background: #ffffff; margin: 0; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 10px; border-bottom: 1px solid #d0d0d0; padding-bottom: 4px; }
.run { color: #404040; font-size: 0.9rem; margin: 0; }
.description { margin: 6px 0 0; max-width: 900px; }
dl.run-facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 0.9rem; margin: 12px 0 0; }
dl.run-facts dt { color: #555555; }
dl.run-facts dd { margin: 0; }
table { border-collapse: collapse; font-size: 0.9rem; width: 100%; }
th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #999999; }
tr.block th { text-align: left; background: #f2f2f2; font-weight: bold; }
td.sub { padding-left: 24px; color: #333333; }
figure { margin: 16px 0 28px; }
figcaption { font-size: 0.85rem; color: #444444; margin-top: 4px; max-width: 900px; }
.chart { min-height: 120px; overflow-x: auto; }
.note { font-size: 0.85rem; color: #444444; }
.chart .vega-embed { display: block; width: 100%; }
.chart svg { display: block; width: 100%; height: auto; max-width: 100%; }
td + td { white-space: nowrap; }
nav.toc ol { columns: 2; font-size: 0.9rem; padding-left: 20px; margin: 6px 0; }
nav.toc a { color: #0b4f8a; }
nav.toc a:focus, a:focus, summary:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
ul.summary li { margin: 4px 0; }
details.alt { font-size: 0.85rem; color: #333333; margin-top: 4px; }
caption { text-align: left; font-weight: bold; padding: 6px 0; }
td.total, th.total { border-left: 1px solid #bbbbbb; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  figure, tr, .summary li { break-inside: avoid; page-break-inside: avoid; }
  table { font-size: 8pt; }
  details.alt { display: none; }
  .chart svg { max-height: 225mm; }
  nav.toc { break-after: page; }
  a { color: inherit; text-decoration: none; }
}
`;

const EMBED = `
(function () {
  var charts = document.querySelectorAll('[data-chart]');
  for (var i = 0; i < charts.length; i++) {
    (function (el) {
      var source = document.getElementById('spec-' + el.getAttribute('data-chart'));
      var spec = JSON.parse(source.textContent);
      vegaEmbed(el, spec, { renderer: 'svg', actions: false })
        .then(function () { el.setAttribute('data-drawn', 'true'); })
        .catch(function (err) { el.textContent = 'This chart could not be drawn: ' + err.message; console.error(err); });
    })(charts[i]);
  }
})();
`;

function runFacts(results: Results, baseline: Results | undefined, compared: readonly string[]): string {
  const same = baseline !== undefined && baseline.scenario.name === results.scenario.name && baseline.scenario.source === results.scenario.source;
  const isBaseline = same || (baseline === undefined && compared.length > 0);
  const facts: [string, string][] = [
    [isBaseline ? 'Baseline' : 'Scenario', `${results.scenario.name} (${results.scenario.source})`],
    ...(baseline && !same ? ([['Baseline', `${baseline.scenario.name} (${baseline.scenario.source})`]] as [string, string][]) : []),
    ...(compared.length > 0 ? ([['Compared', compared.join('; ')]] as [string, string][]) : []),
    ['Projection', `${formatDate(results.start)} to ${formatDate(results.end)}`],
    [
      'Method',
      results.mode === 'expected-value'
        ? 'Expected values (deterministic Markov projection, supply by an approximation)'
        : `Monte Carlo microsimulation, ${formatNumber(results.replications)} replications`,
    ],
    ['Seed', String(results.seed)],
    ['Tool', `${results.tool.name} ${results.tool.version}`],
  ];
  return `<dl class="run-facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function chartTitle(spec: TopLevelSpec): string {
  const t = (spec as { title?: { text?: unknown } | string }).title;
  return typeof t === 'string' ? t : typeof t?.text === 'string' ? t.text : 'Chart';
}

function keyTable(k: KeyNumbers): string {
  if (k.columns.length === 0) return '<p class="note">The run is shorter than a year: no key numbers.</p>';
  const head = `<thead><tr><th scope="col"></th>${k.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = k.blocks
    .map((b) => {
      const title = `<tr class="block"><th scope="rowgroup" colspan="${k.columns.length + 1}">${escapeHtml(b.title)}</th></tr>`;
      const rows = b.rows
        .map(
          (r) =>
            `<tr><td${r.sub ? ' class="sub"' : ''}>${escapeHtml(r.label)}</td>${r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`,
        )
        .join('\n');
      return `${title}\n${rows}`;
    })
    .join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
}

/** A financial-year table: one row per line, one column per year, then the horizon's total for flows. */
function fyTable(t: FyTable): string {
  const head = `<thead><tr><th scope="col"></th>${t.columns
    .map((c) => `<th scope="col">${escapeHtml(c.months < 12 ? `${c.year} (${c.months} months)` : c.year)}</th>`)
    .join('')}<th scope="col" class="total">Total</th></tr></thead>`;
  const body = t.rows
    .map((r) => {
      return `<tr><td${r.sub ? ' class="sub"' : ''}>${escapeHtml(r.label)}</td>${r.cells.map((c) => `<td>${escapeHtml(formatFyCell(r, c))}</td>`).join('')}<td class="total">${r.total ? escapeHtml(formatFyCell(r, r.total)) : ''}</td></tr>`;
    })
    .join('\n');
  const title = t.baseline ? `${t.scenario} (baseline)` : t.scenario;
  return `<table><caption>${escapeHtml(title)}</caption>${head}<tbody>\n${body}\n</tbody></table>`;
}

/** What each lever adds, as a table: the baseline, a column per lever, the scenario and the difference. */
function byLeverTable(a: LeverAttribution): string {
  const head = `<thead><tr><th scope="col"></th><th scope="col">${escapeHtml(a.baseline)}</th>${a.steps
    .map((s) => `<th scope="col" title="${escapeHtml(s.lever)}">+ ${escapeHtml(s.label)}</th>`)
    .join('')}<th scope="col" class="total">${escapeHtml(a.scenario)}</th><th scope="col">Difference</th></tr></thead>`;
  const body = byLeverLines(a)
    .map((l) => `<tr><td>${escapeHtml(`${l.label} (${l.unit})`)}</td><td>${escapeHtml(l.baseline)}</td>${l.steps.map((x) => `<td>${escapeHtml(x)}</td>`).join('')}<td class="total">${escapeHtml(l.scenario)}</td><td>${escapeHtml(l.difference)}</td></tr>`)
    .join('\n');
  const levers = `<ol class="note">${a.steps.map((s) => `<li>${escapeHtml(s.lever)}</li>`).join('')}</ol>`;
  return `<table><caption>${escapeHtml(`${a.scenario}: what each lever adds against ${a.baseline}`)}</caption>${head}<tbody>\n${body}\n</tbody></table>\n${levers}`;
}

const FY_NOTES = [
  'Children in care, places and the paired difference are counted on the last month end of each financial year (April to March); the range in brackets is the 5th to 95th percentile of outcomes over the replications: the spread of what may happen, not the precision of the mean, and not including uncertainty in the rates themselves.',
  'Entries, exits, placements out of preference, spend and saving are sums of monthly means over the year; they carry no range, because percentiles of months do not add up. Spend is in cash prices (weekly unit costs with the scenario\'s inflation compounded from the start), GBP million.',
  'Demand is the children occupying the places plus those placed elsewhere who still wait for them (means). A mean below the places can still hide months when places are full in some runs: the line below it counts the children placed elsewhere for that reason.',
  'The gap is places minus demand, taken in each run (below zero the type is short): the mean, with the 5-95% range of the gap itself over the replications, so a mean gap above zero whose range reaches below zero means the type runs short in some runs. (Results written before the gap was recorded per run give the difference of the means, with no range.)',
  'When foster carers de-register or places close while full, the children in them are displaced: each moves to the next suitable placement type, waits there to return, and counts as placed out of preference. So children can be placed out of preference for a type even when, on average, it has room.',
];

/** The self-contained report page: libraries, specs and text inline, nothing loaded from the network. */
export function reportHtml(input: HtmlInput): string {
  const libs = input.libraries;
  const levers =
    input.leversInWords === undefined
      ? `<p class="note">The levers are not recorded in the results; see the scenario file ${escapeHtml(input.results.scenario.source)}.</p>`
      : input.leversInWords.length > 0
        ? `<ul>${input.leversInWords.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`
        : '<p class="note">No levers: the scenario projects current trends.</p>';
  const figures = input.charts
    .map((c) => {
      // The chart in words, made once for the figure's label and its text.
      const words = escapeHtml(chartTextAlternative(c.spec));
      return `<figure id="figure-${escapeHtml(c.name)}">
<div class="chart" id="chart-${escapeHtml(c.name)}" data-chart="${escapeHtml(c.name)}" role="img" aria-label="${words}"></div>
<figcaption>${escapeHtml(c.caption)}</figcaption>
<details class="alt"><summary>The chart in words</summary><p>${words}</p></details>
<script type="application/json" id="spec-${escapeHtml(c.name)}">${jsonForScript(c.spec)}</script>
</figure>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${input.results.tool.name} ${input.results.tool.version}`)}">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
<script>${scriptForHtml(libs.vega)}</script>
<script>${scriptForHtml(libs.vegaLite)}</script>
<script>${scriptForHtml(libs.vegaEmbed)}</script>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(input.title)}</h1>
<p class="run">Projection of children in care, placements, sufficiency and cost.</p>
${input.results.scenario.description === undefined ? '' : `<p class="description">${escapeHtml(input.results.scenario.description)}</p>\n`}${runFacts(input.results, input.baseline, input.compared ?? [])}
</header>
<nav class="toc" aria-label="Contents">
<h2>Contents</h2>
<ol>
${[
  ['summary', 'In brief'],
  ['levers', "The scenario's levers"],
  ['key-numbers', 'Key numbers'],
  ...(input.financialYears.length > 0 ? [['financial-years', 'Financial years']] : []),
  ...((input.byLever ?? []).length > 0 ? [['by-lever', 'What each lever adds']] : []),
  ['charts', 'Charts'],
  ...input.charts.map((c) => [`figure-${c.name}`, chartTitle(c.spec)]),
]
  .map(([id, text]) => `<li><a href="#${escapeHtml(id!)}">${escapeHtml(text!)}</a></li>`)
  .join('\n')}
</ol>
</nav>
<section id="summary">
<h2>In brief</h2>
${input.summary.length > 0 ? `<ul class="summary">${input.summary.map((t) => `<li>${escapeHtml(t)}</li>`).join('\n')}</ul>` : '<p class="note">The results hold no whole month: nothing to summarise.</p>'}
</section>
<section id="levers">
<h2>The scenario's levers</h2>
${levers}
</section>
<section id="key-numbers">
<h2>Key numbers</h2>
${keyTable(input.keyNumbers)}
${input.keyNumbers.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
</section>
${
  input.financialYears.length > 0
    ? `<section id="financial-years">
<h2>Financial years</h2>
${input.financialYears.map(fyTable).join('\n')}
${FY_NOTES.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
</section>
`
    : ''
}${
  (input.byLever ?? []).length > 0
    ? `<section id="by-lever">
<h2>What each lever adds</h2>
${input.byLever!.map(byLeverTable).join('\n')}
${BY_LEVER_NOTES.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
</section>
`
    : ''
}<section id="charts">
<h2>Charts</h2>
<noscript><p class="note">The charts need JavaScript; the same charts are in the charts/ folder as SVG and PNG.</p></noscript>
${figures}
</section>
<footer>
<p class="note">Every figure is an aggregate over simulated children; no record about any real child is in this report.</p>
</footer>
</main>
<script>${EMBED}</script>
</body>
</html>
`;
}
