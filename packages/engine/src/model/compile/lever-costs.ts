import { DAYS_PER_YEAR } from '../dates.js';
import { TOTAL } from '../domain/series-keys.js';
import { ParameterError } from '../parameter-error.js';
import { optionalNumber, show } from './validation.js';
import type { Window } from './windows.js';

// Lever costs: what a strategy spends (recruiting and keeping carers, running a service), reported in
// the `lever_cost` series by lever label, apart from placement `cost`.

/** A service paid for while it acts: GBP per day at start prices, times the ramp share. */
export interface ServiceCost {
  w: Window;
  perDay: number;
  label: number;
}

/** The `lever_cost` categories, in the order modifiers name them; modifiers refer to them by index. */
export class LeverCostLabels {
  readonly labels: string[] = [];

  /** The index of `costLabel` (or `fallback` when absent), added on first use. */
  indexOf(v: unknown, path: string, fallback: string): number {
    const label = v === undefined ? fallback : v;
    if (typeof label !== 'string' || label.trim() === '' || label.trim() === TOTAL) {
      throw new ParameterError(path, `expected a non-empty label other than "${TOTAL}" for the lever_cost series, got ${show(v)}`);
    }
    const name = label.trim();
    let i = this.labels.indexOf(name);
    if (i < 0) {
      i = this.labels.length;
      this.labels.push(name);
    }
    return i;
  }
}

/** A lever cost in GBP (per household, per household-year or per year): absent, or zero or more. */
export function optionalGbp(v: unknown, path: string, unit: string): number | undefined {
  if (v === undefined) return undefined;
  return optionalNumber(v, path, 0, 0, Infinity, `GBP ${unit} of zero or more`);
}

/** GBP per year to GBP per day. */
export const perDay = (gbpPerYear: number): number => gbpPerYear / DAYS_PER_YEAR;
