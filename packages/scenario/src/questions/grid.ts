import { questionFails } from './question-error.js';

/** The most values one lever may be swept or searched over. */
export const MAX_GRID_VALUES = 10_001;

/** Values `from`, `from + step`, ... up to `to` (inclusive), rounded to 10 decimals against float drift. */
export function gridValues(from: number, to: number, step: number): number[] {
  if (!Number.isFinite(from)) questionFails('from', `expected a number, got ${from}`);
  if (!Number.isFinite(to)) questionFails('to', `expected a number, got ${to}`);
  if (!(Number.isFinite(step) && step > 0)) questionFails('step', `expected a number above 0, got ${step}`);
  if (to <= from) questionFails('to', `${to} is not above from (${from}); expected a larger value`);
  const n = Math.floor((to - from) / step + 1e-9);
  if (n + 1 > MAX_GRID_VALUES) questionFails('step', `${from} to ${to} by ${step} is ${n + 1} values, over ${MAX_GRID_VALUES}; expected a larger step`);
  const out: number[] = [];
  for (let i = 0; i <= n; i++) out.push(Number((from + i * step).toFixed(10)));
  return out;
}

/** A list of values as given (`0,4,8`): finite, distinct, in increasing order. */
export function checkValues(values: readonly number[]): number[] {
  if (values.length === 0) questionFails('values', 'expected at least one value, e.g. 0,4,8');
  if (values.length > MAX_GRID_VALUES) questionFails('values', `${values.length} values, over ${MAX_GRID_VALUES}`);
  for (const [i, v] of values.entries()) {
    if (!Number.isFinite(v)) questionFails('values', `value ${i + 1} is not a number; expected numbers such as 0,4,8`);
    if (i > 0 && v <= values[i - 1]!) questionFails('values', `${v} follows ${values[i - 1]}; expected distinct values in increasing order`);
  }
  return [...values];
}
