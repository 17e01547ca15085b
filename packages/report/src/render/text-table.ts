import { formatDate } from './format.js';
import type { KeyNumbers } from './key-numbers.js';
import { FY_LABELS, type FyTable } from '../tables/financial-years.js';
import { formatGbpMillions } from '../tables/format.js';

/** Lays out rows of text as columns for a terminal, the first left-aligned and the rest right-aligned. */
export function textTable(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((l) => (l[c] ?? '').length)));
  return `${all
    .map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd())
    .join('\n')}\n`;
}

/** Wraps words to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The key numbers as the terminal prints them: the same cells as report.html's table, one column per
 * year (headed by the month end the stocks are counted on), each block under its title, then the notes.
 */
export function keyNumbersText(k: KeyNumbers, options: { notes?: boolean; width?: number } = {}): string {
  if (k.years.length === 0) return 'The run is shorter than a year: no key numbers.\n';
  const header = ['', ...k.years.map((y) => formatDate(y.date))];
  const lines: string[][] = [];
  for (const b of k.blocks) {
    lines.push([b.title, ...k.years.map(() => '')]);
    for (const r of b.rows) lines.push([`${r.sub ? '    ' : '  '}${r.label}`, ...r.cells.map((c) => c.replace(/\u00a0/g, ' '))]);
  }
  const table = textTable(header, lines);
  if (options.notes === false) return table;
  const width = options.width ?? 100;
  return `${table}${k.notes.flatMap((n) => wrap(n, width)).join('\n')}\n`;
}

/**
 * Savings over the horizon for a terminal, from the financial-year tables: each compared scenario's
 * gross saving in placement spend, its lever costs against the baseline and its net saving (GBP million,
 * cash prices). Empty when the results hold no lever costs.
 */
export function savingsText(tables: readonly FyTable[]): string {
  const lines: string[][] = [];
  for (const t of tables.slice(1)) {
    const total = (label: string) => t.rows.find((r) => r.label === label)?.total;
    const [gross, levers, net] = [total(FY_LABELS.grossSaving), total(FY_LABELS.leverCostDifference), total(FY_LABELS.netSaving)];
    if (gross && levers && net) lines.push([t.scenario, formatGbpMillions(gross.mean), formatGbpMillions(levers.mean), formatGbpMillions(net.mean)]);
  }
  if (lines.length === 0) return '';
  return `Savings over the horizon against ${tables[0]!.scenario} (cash prices):\n${textTable(['scenario', 'gross saving', 'lever costs', 'net saving'], lines)}`;
}
