import { assumptionsOf, uncertaintyInWords } from './assumptions.js';
import { formatDate, formatNumber } from './render/format.js';
import { runRows, seriesRows, type ReportData } from './rows.js';
import { formatFyCell, formatGbpMillions } from './tables/format.js';
import { FY_LABELS, type FyRow, type FyTable } from './tables/financial-years.js';

const IN_CARE = FY_LABELS.inCare;
const SPEND = FY_LABELS.spend;
const OUT_OF_PREFERENCE = FY_LABELS.outOfPreference;
const DIFFERENCE = FY_LABELS.difference;

const rowOf = (t: FyTable, label: string): FyRow | undefined => t.rows.find((r) => r.label === label);
const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];

/** `2029-30` or, for a year the run covers in part, `2030-31 (6 months)`. */
function yearName(t: FyTable, i: number): string {
  const c = t.columns[i]!;
  return c.months < 12 ? `${c.year} (${c.months} months)` : c.year;
}

/** Sentences about one run: children in care, sufficiency, placements out of preference, spend. */
function runSentences(data: ReportData, t: FyTable): string[] {
  const out: string[] = [];
  const n = t.columns.length;
  const inCare = rowOf(t, IN_CARE);
  const startRow = seriesRows(runRows(data.results), 'in_care', 'total')[0];
  if (inCare && n > 0) {
    const start = startRow ? `${formatNumber(startRow.mean)} at the start (${formatDate(startRow.date)}), ` : '';
    const first = `${formatFyCell(inCare, inCare.cells[0])} at the end of ${yearName(t, 0)}`;
    const end = n > 1 ? ` and ${formatFyCell(inCare, inCare.cells[n - 1])} at the end of ${yearName(t, n - 1)}` : '';
    const kinds = assumptionsOf(data.results).find((a) => a.scenario === t.scenario)?.uncertainty;
    out.push(`${t.scenario}: children in care ${start}${first}${end} (mean, with the 5-95% range of outcomes in brackets; the range holds ${uncertaintyInWords(kinds)}).`);
  }
  // Sufficiency: the first year end at which mean demand reaches the places, per capacity-limited type,
  // with the gap (places minus demand) and its 5-95% range of outcomes when the results hold it.
  for (const places of t.rows.filter((r) => r.label.endsWith(': places at the year end'))) {
    const type = places.label.slice(0, -': places at the year end'.length);
    const demand = rowOf(t, `${type}: demand at the year end (occupied + waiting)`);
    const gap = rowOf(t, `${type}: gap at the year end (places minus demand; below zero: short)`);
    const elsewhere = rowOf(t, `${type}: placed elsewhere in the year (full, or no suitable vacancy)`);
    if (!demand || !gap) continue;
    const short = places.cells.findIndex((p, i) => p !== undefined && demand.cells[i] !== undefined && demand.cells[i]!.mean >= p.mean);
    const at = short >= 0 ? short : n - 1;
    const ranged = gap.cells[at]?.p05 !== undefined;
    const gapText = `when the gap (places minus demand${ranged ? ', with the 5-95% range of outcomes' : ''}) is ${formatFyCell(gap, gap.cells[at])}`;
    // A mean with room to spare can still hide runs that are short: say from when the range reaches below
    // zero as printed (at least one place short at the 5th percentile).
    const someRuns = short < 0 ? gap.cells.findIndex((g) => g?.p05 !== undefined && Math.round(g.p05) < 0) : -1;
    const hidden = someRuns >= 0 ? `; the range reaches below zero from the end of ${yearName(t, someRuns)} (${formatFyCell(gap, gap.cells[someRuns])}): in some runs it is short` : '';
    const total = elsewhere?.total;
    const went = total === undefined ? '' : `; ${formatFyCell(elsewhere!, total)} children over the horizon were placed elsewhere because it was full or had no vacancy that suited them when they needed it`;
    out.push(
      short >= 0
        ? `${type}: demand (occupied plus waiting, ${formatFyCell(demand, demand.cells[short])}) reaches the places available (${formatFyCell(places, places.cells[short])}) by the end of ${yearName(t, short)}, ${gapText}${went}.`
        : `${type}: mean demand stays below the places available at every year end (${formatFyCell(demand, demand.cells[n - 1])} wanting ${formatFyCell(places, places.cells[n - 1])} places at the end of ${yearName(t, n - 1)}, ${gapText})${hidden}${went}.`,
    );
  }
  const oop = rowOf(t, OUT_OF_PREFERENCE);
  if (oop?.total && n > 0) {
    out.push(`${formatFyCell(oop, oop.total)} children are placed out of preference over the horizon, ${formatFyCell(oop, oop.cells[0])} in ${yearName(t, 0)} and ${formatFyCell(oop, last(oop.cells))} in ${yearName(t, n - 1)}.`);
  }
  const spend = rowOf(t, SPEND);
  if (spend?.total && n > 0) {
    out.push(
      `Placement spend is ${formatFyCell(spend, spend.cells[0])} in ${yearName(t, 0)} and ${formatFyCell(spend, last(spend.cells))} in ${yearName(t, n - 1)}, ${formatGbpMillions(spend.total.mean)} over the horizon (mean, cash prices).`,
    );
  }
  const levers = rowOf(t, FY_LABELS.leverCosts);
  if (levers?.total && n > 0) {
    out.push(`The levers cost ${formatGbpMillions(levers.total.mean)} over the horizon, ${formatFyCell(levers, levers.cells[0])} in ${yearName(t, 0)} and ${formatFyCell(levers, last(levers.cells))} in ${yearName(t, n - 1)} (cash prices), on top of placement spend.`);
  }
  return out;
}

/** What a compared scenario changes against the baseline, in one or two sentences. */
function comparedSentences(t: FyTable, baseline: FyTable): string[] {
  const out: string[] = [];
  const n = t.columns.length;
  const inCare = rowOf(t, IN_CARE);
  const diff = rowOf(t, DIFFERENCE);
  const saving = rowOf(t, FY_LABELS.saving);
  const gross = rowOf(t, FY_LABELS.grossSaving);
  const leverCosts = rowOf(t, FY_LABELS.leverCostDifference);
  const net = rowOf(t, FY_LABELS.netSaving);
  if (inCare && diff && n > 0) {
    const d = diff.cells[n - 1];
    const fewer = d === undefined ? '' : d.mean <= 0 ? 'fewer' : 'more';
    const than = d !== undefined && Math.round(d.mean) === 0 ? `about as many as ${baseline.scenario}` : `${d === undefined ? 'n/a' : formatNumber(Math.abs(d.mean))} ${fewer} than ${baseline.scenario}`;
    const range = d?.p05 !== undefined ? ', with the 5-95% range of the paired differences' : '';
    out.push(
      `${t.scenario}: ${formatFyCell(inCare, inCare.cells[n - 1])} children in care at the end of ${yearName(t, n - 1)}, ${than} (difference ${formatFyCell(diff, d)}${range}).`,
    );
  }
  const oop = rowOf(t, OUT_OF_PREFERENCE);
  const baseOop = rowOf(baseline, OUT_OF_PREFERENCE);
  // A scenario over other dates (this year's forecast against last year's) is set against the baseline on the years both cover.
  const sameYears = t.columns.length === baseline.columns.length && t.columns.every((c, i) => c.year === baseline.columns[i]!.year && c.months === baseline.columns[i]!.months);
  const span = sameYears || n === 0 ? 'over the horizon' : `in ${t.columns[0]!.year} to ${t.columns[n - 1]!.year}`;
  if (oop?.total && baseOop?.total) {
    if (sameYears) {
      out.push(`${t.scenario}: ${formatFyCell(oop, oop.total)} children placed out of preference over the horizon, against ${formatFyCell(baseOop, baseOop.total)} in ${baseline.scenario}.`);
    } else {
      const same = t.columns.map((c) => baseline.columns.findIndex((b) => b.year === c.year && b.months === c.months));
      const both = same.every((i) => i >= 0) ? same.reduce((a, i) => a + (baseOop.cells[i]?.mean ?? 0), 0) : undefined;
      out.push(
        `${t.scenario}: ${formatFyCell(oop, oop.total)} children placed out of preference ${span}` +
          (both === undefined ? '.' : `, against ${formatNumber(both)} in ${baseline.scenario} in the same years.`),
      );
    }
  }
  if (saving?.total && n > 0) {
    const verb = saving.total.mean >= 0 ? 'saves' : 'costs';
    const where = sameYears ? 'over the horizon' : 'over the months both cover';
    out.push(
      `${t.scenario} ${verb} ${formatGbpMillions(Math.abs(saving.total.mean))} in placement spend ${where} against ${baseline.scenario} (${formatFyCell(saving, last(saving.cells))} in ${yearName(t, n - 1)}).`,
    );
  }
  if (gross?.total && leverCosts?.total && net?.total && n > 0) {
    const verb = gross.total.mean >= 0 ? 'saves' : 'costs';
    const outcome = net.total.mean >= 0 ? `a net saving of ${formatGbpMillions(net.total.mean)}` : `a net cost of ${formatGbpMillions(-net.total.mean)}`;
    out.push(
      `${t.scenario} ${verb} ${formatGbpMillions(Math.abs(gross.total.mean))} in placement spend over the horizon against ${baseline.scenario}; its levers cost ${formatGbpMillions(leverCosts.total.mean)}, ${outcome} (${formatFyCell(net, last(net.cells))} in ${yearName(t, n - 1)}).`,
    );
  }
  return out;
}

/**
 * The report's summary in plain sentences, every number taken from the financial-year tables (the same
 * formatting), so the words and the tables cannot disagree: the baseline's (or the run's) children in
 * care, sufficiency, placements out of preference and spend, then what each compared scenario changes.
 */
export function summarySentences(data: ReportData, tables: readonly FyTable[]): string[] {
  const [first, ...others] = tables;
  if (!first) return [];
  return [...runSentences(data, first), ...others.flatMap((t) => comparedSentences(t, first))];
}
