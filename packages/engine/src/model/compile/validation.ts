import { ParameterError } from '../parameter-error.js';
import { isIsoDate } from '../dates.js';
import type { Effect } from '../parameters.js';

/** Helpers that check one user value and throw a ParameterError naming its path. */

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function requireRecord(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) throw new ParameterError(path, 'expected a mapping (key: value)');
  return v;
}

export function optionalRecord(v: unknown, path: string): Record<string, unknown> {
  if (v === undefined) return {};
  return requireRecord(v, path);
}

export function requireArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ParameterError(path, 'expected a list');
  return v;
}

export function optionalArray(v: unknown, path: string): unknown[] {
  if (v === undefined) return [];
  return requireArray(v, path);
}

export function requireNumber(v: unknown, path: string, min = -Infinity, max = Infinity, what = 'a number'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParameterError(path, `expected ${what}, got ${show(v)}`);
  if (v < min || v > max) throw new ParameterError(path, `expected ${what}, got ${v}`);
  return v;
}

export function optionalNumber(v: unknown, path: string, fallback: number, min = -Infinity, max = Infinity, what = 'a number'): number {
  return v === undefined ? fallback : requireNumber(v, path, min, max, what);
}

export function requireRate(v: unknown, path: string, unit: string): number {
  return requireNumber(v, path, 0, Infinity, `a rate of zero or more ${unit}`);
}

export function requireProbability(v: unknown, path: string): number {
  return requireNumber(v, path, 0, 1, 'a probability between 0 and 1');
}

export function requireCount(v: unknown, path: string, what = 'a whole number of zero or more'): number {
  const n = requireNumber(v, path, 0, Infinity, what);
  if (!Number.isInteger(n)) throw new ParameterError(path, `expected ${what}, got ${n}`);
  return n;
}

export function requireBoolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ParameterError(path, `expected true or false, got ${show(v)}`);
  return v;
}

export function optionalBoolean(v: unknown, path: string, fallback: boolean): boolean {
  return v === undefined ? fallback : requireBoolean(v, path);
}

export function requireDate(v: unknown, path: string): string {
  if (typeof v !== 'string' || !isIsoDate(v)) throw new ParameterError(path, `expected an ISO date YYYY-MM-DD, got ${show(v)}`);
  return v;
}

/** Checks an id against a list of allowed ids; returns its index. */
export function requireId(v: unknown, ids: readonly string[], path: string, what: string): number {
  const i = typeof v === 'string' ? ids.indexOf(v) : -1;
  if (i < 0) throw new ParameterError(path, `expected ${what} (one of ${ids.join(', ')}), got ${show(v)}`);
  return i;
}

/** A mapping from ids to non-negative weights, as a dense array by id index. */
export function requireWeights(v: unknown, ids: readonly string[], path: string, what: string, unit = 'a weight of zero or more'): number[] {
  const rec = requireRecord(v, path);
  const out = Array.from(ids, () => 0);
  for (const [k, w] of Object.entries(rec)) {
    const i = requireId(k, ids, `${path}.${k}`, what);
    if (w === undefined) continue;
    out[i] = requireNumber(w, `${path}.${k}`, 0, Infinity, unit);
  }
  return out;
}

export interface CompiledEffect {
  kind: 'multiply' | 'add' | 'set';
  value: number;
}

/** Checks `{multiply}|{add}|{set}`; `allowNegativeAdd` for additive changes in the value's own units. */
export function requireEffect(v: unknown, path: string): CompiledEffect {
  const rec = requireRecord(v, path) as Partial<Record<keyof UnionKeys<Effect>, unknown>>;
  const keys = Object.keys(rec).filter((k) => rec[k as 'add'] !== undefined);
  if (keys.length !== 1 || !['multiply', 'add', 'set'].includes(keys[0]!)) {
    throw new ParameterError(path, 'expected exactly one of multiply, add or set');
  }
  const kind = keys[0] as CompiledEffect['kind'];
  const sub = `${path}.${kind}`;
  const value =
    kind === 'add' ? requireNumber(rec.add, sub) : requireNumber(rec[kind], sub, 0, Infinity, 'a number of zero or more');
  return { kind, value };
}

type UnionKeys<T> = { [K in T extends unknown ? keyof T : never]: unknown };

/** The effect applied to `base`, not clamped. */
export function applyEffect(e: CompiledEffect, base: number): number {
  return e.kind === 'multiply' ? base * e.value : e.kind === 'add' ? base + e.value : e.value;
}

export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'nothing';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
