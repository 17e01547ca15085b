import { DAYS_PER_YEAR } from '@carecast/engine';

/** A converted value, or what is wrong with it. */
export type Parsed = { ok: true; value: number } | { ok: false; message: string };

const ok = (value: number): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });
const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

const DAYS_PER_MONTH = DAYS_PER_YEAR / 12;
const PER_YEAR: Record<string, number> = { year: 1, month: 12, week: DAYS_PER_YEAR / 7, day: DAYS_PER_YEAR };
const DAYS_IN: Record<string, number> = { year: DAYS_PER_YEAR, month: DAYS_PER_MONTH, week: 7, day: 1 };

/**
 * How a percentage field is bounded: `share` (a weight, at least 0), `probability` (0-100%),
 * `cut` (0-100%, a reduction), `change` (at least -100%, a proportional change).
 */
export type PercentageKind = 'share' | 'probability' | 'cut' | 'change';

/**
 * A fraction from `25%` or a plain number (already a fraction); bounded by kind. Every percentage field
 * of a scenario goes through here, so one rule holds for all: a plain number outside -1..1 is refused
 * with a hint to write `%` (`20` almost always means 20%, not 2,000%).
 */
export function parsePercentage(v: unknown, kind: PercentageKind): Parsed {
  let fraction: number;
  let written: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad(`expected a finite percentage such as 25%; got ${show(v)}`);
    if (Math.abs(v) > 1) {
      return bad(`${v} is a plain number above 1; a plain number is a fraction (0.25 = 25%): for ${v} per cent write ${v}%`);
    }
    fraction = v;
    written = String(v);
  } else if (typeof v === 'string') {
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
    if (!m) return bad(`expected a percentage such as 25%; got ${show(v)}`);
    fraction = Number(m[1]) / 100;
    written = v.trim();
  } else {
    return bad(`expected a percentage such as 25%; got ${show(v)}`);
  }
  if (!Number.isFinite(fraction)) return bad(`expected a finite percentage; got ${show(v)}`);
  if (kind === 'share' && fraction < 0) return bad(`${written} is negative; expected a share of 0% or more`);
  if ((kind === 'probability' || kind === 'cut') && (fraction < 0 || fraction > 1)) {
    const side = fraction > 1 ? 'more than 100%' : 'negative';
    return bad(`${written} is ${side}; expected a percentage between 0% and 100%`);
  }
  if (kind === 'change' && fraction < -1) return bad(`${written} is below -100%; expected a change of -100% or more`);
  return ok(fraction);
}

/** A rate per year from a plain number or `N per year|month|week|day`; negative only if allowed. */
export function parseRatePerYear(v: unknown, allowNegative = false, what = 'a rate per year such as 200 or "17 per month"'): Parsed {
  let value: number;
  if (typeof v === 'number') value = v;
  else if (typeof v === 'string') {
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s+per\s+(?:child-|household-)?(year|month|week|day)\s*$/.exec(v);
    if (!m) return bad(`expected ${what}; got ${show(v)}`);
    value = Number(m[1]) * PER_YEAR[m[2]!]!;
  } else return bad(`expected ${what}; got ${show(v)}`);
  if (!Number.isFinite(value)) return bad(`expected a finite number; got ${show(v)}`);
  if (!allowNegative && value < 0) return bad(`${show(v)} is negative; expected 0 or more`);
  return ok(value);
}

/** A hazard per child-year from a plain number or `N per child-year` (or per child-month, ...). */
export function parseHazard(v: unknown, allowNegative = false): Parsed {
  return parseRatePerYear(v, allowNegative, 'a hazard per child-year such as 0.25 or "0.25 per child-year"');
}

/** GBP per week from a plain number or `£N per week|year|day|month` (thousands separators allowed). */
export function parseMoneyPerWeek(v: unknown, allowNegative = false): Parsed {
  let value: number;
  if (typeof v === 'number') value = v;
  else if (typeof v === 'string') {
    // £ written \u00a3, so the command line's bundle stays ASCII (packages/cli scripts/bundle.mjs).
    const m = /^\s*([+-]?)\u00a3?\s*(\d[\d,]*(?:\.\d+)?)(?:\s+(?:a|per)\s+(week|year|day|month))?\s*$/.exec(v);
    if (!m || !/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/.test(m[2]!)) {
      return bad(`expected money per placement such as "£820 per week" or 820 (GBP per week); got ${show(v)}`);
    }
    const amount = Number(m[2]!.replace(/,/g, '')) * (m[1] === '-' ? -1 : 1);
    const unit = m[3] ?? 'week';
    value = (amount / DAYS_IN[unit]!) * 7;
  } else return bad(`expected money such as "£820 per week"; got ${show(v)}`);
  if (!Number.isFinite(value)) return bad(`expected a finite amount; got ${show(v)}`);
  if (!allowNegative && value < 0) return bad(`${show(v)} is negative; expected £0 or more`);
  return ok(value);
}

/** The units a lever cost may be written in, and what one of each is in the engine's unit. */
export type LeverCostUnit = 'per household' | 'per household-year' | 'per year';

const LEVER_COST_EXAMPLE: Record<LeverCostUnit, string> = {
  'per household': '"£8,000 per household"',
  'per household-year': '"£1,500 per household-year"',
  'per year': '"£450,000 per year"',
};

/**
 * A lever cost in GBP (per household approved, per household-year, or per year), which must name its
 * unit: `£8,000 per household`, `£125 per household-month`, `£37,500 per month`. A plain number is
 * refused, so a cost is never read in the wrong unit.
 */
export function parseLeverCost(v: unknown, unit: LeverCostUnit): Parsed {
  const expected = `expected a cost with its unit such as ${LEVER_COST_EXAMPLE[unit]}`;
  if (typeof v !== 'string') return bad(`${expected}; got ${show(v)}${typeof v === 'number' ? ' (a plain number has no unit)' : ''}`);
  // £ written \u00a3, so the command line's bundle stays ASCII (packages/cli scripts/bundle.mjs).
  const m = /^\s*\u00a3?\s*(\d[\d,]*(?:\.\d+)?)\s+per\s+(.+?)\s*$/.exec(v);
  if (!m || !/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/.test(m[1]!)) return bad(`${expected}; got ${show(v)}`);
  const amount = Number(m[1]!.replace(/,/g, ''));
  const written = m[2]!.replace(/\s+/g, ' ');
  let perYear: number | undefined;
  if (unit === 'per household') perYear = written === 'household' ? 1 : undefined;
  else if (unit === 'per household-year') {
    const h = /^household(?:-| per )(year|month|week)$/.exec(written);
    perYear = h ? PER_YEAR[h[1]!] : undefined;
  } else {
    const y = /^(year|month|week)$/.exec(written);
    perYear = y ? PER_YEAR[y[1]!] : undefined;
  }
  if (perYear === undefined) return bad(`${show(v)} is in the wrong unit; ${expected}`);
  if (!Number.isFinite(amount)) return bad(`expected a finite amount; got ${show(v)}`);
  return ok(amount * perYear);
}

/** A duration in days: plain numbers are in `plainUnit`; strings name their unit (`2 years`, `750 days`). */
export function parseDuration(v: unknown, plainUnit: 'day' | 'month'): Parsed {
  const unitName = plainUnit === 'day' ? 'days' : 'months';
  let days: number;
  if (typeof v === 'number') days = v * DAYS_IN[plainUnit]!;
  else if (typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s+(year|month|week|day)s?\s*$/.exec(v);
    if (!m) return bad(`expected a duration such as "6 months", "2 years" or a number of ${unitName}; got ${show(v)}`);
    days = Number(m[1]) * DAYS_IN[m[2]!]!;
  } else return bad(`expected a duration such as "6 months"; got ${show(v)}`);
  if (!Number.isFinite(days) || days < 0) return bad(`${show(v)}: expected a duration of 0 or more`);
  return ok(days);
}

/** Whole months from a duration (`12 months`, `1 year`, or a plain number of months). */
export function parseMonths(v: unknown): Parsed {
  if (typeof v === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s+(year|month)s?\s*$/.exec(v);
    if (m) return ok(Number(m[1]) * (m[2] === 'year' ? 12 : 1));
  }
  const d = parseDuration(v, 'month');
  return d.ok ? ok(d.value / DAYS_PER_MONTH) : d;
}
