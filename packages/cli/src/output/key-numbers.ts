import type { SeriesRow } from '@carecast/engine';

/** One line of the key-numbers table. */
export interface KeyNumber {
  label: string;
  date: string;
  mean: number;
  p05: number;
  p95: number;
}

function rowsOf(rows: readonly SeriesRow[], metric: string, category: string): SeriesRow[] {
  return rows.filter((r) => r.metric === metric && r.category === category && r.scenario === undefined && r.delta !== true);
}

/**
 * In care at the start, after 1, 3 and 5 years (or the end), and cost per year and in total: the
 * numbers a reader looks at first. Costs are sums of monthly means (GBP).
 */
export function keyNumbers(rows: readonly SeriesRow[]): KeyNumber[] {
  const inCare = rowsOf(rows, 'in_care', 'total');
  const out: KeyNumber[] = [];
  if (inCare.length === 0) return out;
  const at = (i: number, label: string) => {
    const r = inCare[i];
    if (r !== undefined) out.push({ label, date: r.date, mean: r.mean, p05: r.p05, p95: r.p95 });
  };
  at(0, 'In care at start');
  const last = inCare.length - 1;
  const shown = [1, 3, 5].filter((years) => years * 12 <= last);
  for (const years of shown) at(years * 12, `In care after ${years} year${years === 1 ? '' : 's'}`);
  if (!shown.some((years) => years * 12 === last)) at(last, 'In care at end');
  const cost = rowsOf(rows, 'cost', 'total');
  const firstYear = cost.slice(0, 12);
  if (firstYear.length > 0) {
    out.push({ label: 'Cost, first 12 months (£)', date: firstYear[firstYear.length - 1]!.date, ...sums(firstYear) });
  }
  if (cost.length > 0) out.push({ label: 'Cost, whole horizon (£)', date: cost[cost.length - 1]!.date, ...sums(cost) });
  return out;
}

function sums(rows: readonly SeriesRow[]): { mean: number; p05: number; p95: number } {
  // Quantiles of a sum are not sums of quantiles: only the mean is given for totals.
  const mean = rows.reduce((a, r) => a + r.mean, 0);
  return { mean, p05: Number.NaN, p95: Number.NaN };
}

const fmt = (x: number) => (Number.isNaN(x) ? '' : Math.round(x).toLocaleString('en-GB'));

/** Lays out rows of text as columns, the first left-aligned and the rest right-aligned. */
export function table(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const all = [header, ...lines];
  const widths = header.map((_, c) => Math.max(...all.map((l) => (l[c] ?? '').length)));
  return `${all
    .map((l) => l.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd())
    .join('\n')}\n`;
}

/**
 * The key numbers as an aligned text table; without `quantiles` (an expected-value projection, which
 * has no spread) only the mean column.
 */
export function keyNumbersTable(numbers: readonly KeyNumber[], quantiles = true): string {
  if (!quantiles) return table(['', 'date', 'expected'], numbers.map((k) => [k.label, k.date, fmt(k.mean)]));
  return table(
    ['', 'date', 'mean', '5%', '95%'],
    numbers.map((k) => [k.label, k.date, fmt(k.mean), fmt(k.p05), fmt(k.p95)]),
  );
}
