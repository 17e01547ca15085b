import { isIsoDate } from '@carecast/engine';
import { parseMeasure, type Measure } from './measure.js';

/** A target: `<measure> <op> <value> by <date>`, e.g. `in_care[ifa_foster] < 80 by 2029-30`. */
export interface Target {
  /** As written, normalised: `in_care[ifa_foster] < 80 by 2030-03-31`. */
  text: string;
  measure: Measure;
  op: '<' | '<=' | '>' | '>=';
  /** In the measure's unit: children, GBP, or a share from 0 to 1. */
  value: number;
  /** The date the target is read on (ISO); a financial year `2029-30` means its last day, 31 March 2030. */
  by: string;
}

/** Whether `x` meets the target's comparison. */
export function meets(target: Pick<Target, 'op' | 'value'>, x: number): boolean {
  switch (target.op) {
    case '<':
      return x < target.value;
    case '<=':
      return x <= target.value;
    case '>':
      return x > target.value;
    case '>=':
      return x >= target.value;
  }
}

/** `2029-30` -> `2030-03-31`; an ISO date as it is; anything else undefined. */
export function parseTargetDate(text: string): string | undefined {
  const t = text.trim();
  const fy = /^(\d{4})[-/](\d{2})$/.exec(t);
  if (fy !== null) {
    const first = Number(fy[1]);
    if ((first + 1) % 100 !== Number(fy[2])) return undefined;
    return `${first + 1}-03-31`;
  }
  return isIsoDate(t) ? t : undefined;
}

/** A value in the measure's unit: `80`, `£1,200,000`, `£1.2m`, `30%`; or what is wrong. */
export function parseTargetValue(text: string, measure: Measure): number | { error: string } {
  const t = text.trim().replace(/,/g, '');
  // £ written \u00a3, so the command line's bundle stays ASCII (packages/cli scripts/bundle.mjs).
  const m = /^(\u00a3)?(-?\d+(?:\.\d+)?)\s*(%|m|k)?$/i.exec(t);
  if (m === null) return { error: `cannot read the value "${text.trim()}"; expected a number such as 80, £1.2m or 30%` };
  const [, pound, num, suffix] = m;
  let v = Number(num);
  const isMoney = measure.unit === 'GBP';
  if (pound !== undefined && !isMoney) return { error: `${measure.text} counts ${measure.unit}, not money; expected a plain number without £` };
  if (suffix === '%') {
    if (measure.unit !== 'share') return { error: `${measure.text} counts ${measure.unit}, not a share; expected a plain number without %` };
    v /= 100;
  } else if (suffix !== undefined) {
    if (!isMoney) return { error: `"${suffix}" (thousands or millions) is for money; ${measure.text} counts ${measure.unit}` };
    v *= suffix.toLowerCase() === 'm' ? 1e6 : 1e3;
  } else if (measure.unit === 'share' && Math.abs(v) > 1) {
    return { error: `${measure.text} is a share from 0 to 1; write ${v}% for a percentage` };
  }
  return v;
}

/**
 * Parses `"<measure> <op> <value> by <date>"`. Checks the measure, the unit of the value and the date's
 * form; the date against a run's horizon is checked by `dateIndex` once the horizon is known.
 */
export function parseTarget(text: string): Target | { error: string } {
  // ≤ and ≥ written \u2264 and \u2265, so the command line's bundle stays ASCII (packages/cli scripts/bundle.mjs).
  const m = /^(.*?)\s*(<=|>=|<|>|\u2264|\u2265)\s*(.*?)\s+by\s+(\S+)\s*$/i.exec(text);
  if (m === null) {
    return { error: `cannot read the target "${text.trim()}"; expected "<measure> <= <value> by <date>", e.g. "in_care[ifa_foster] < 80 by 2029-30"` };
  }
  const measure = parseMeasure(m[1]!);
  if ('error' in measure) return measure;
  const op = (m[2] === '≤' ? '<=' : m[2] === '≥' ? '>=' : m[2]) as Target['op'];
  const value = parseTargetValue(m[3]!, measure);
  if (typeof value !== 'number') return value;
  const by = parseTargetDate(m[4]!);
  if (by === undefined) return { error: `cannot read the date "${m[4]}"; expected an ISO date (2030-03-31) or a financial year (2029-30)` };
  return { text: `${measure.text} ${op} ${m[3]!.trim()} by ${by}`, measure, op, value, by };
}
