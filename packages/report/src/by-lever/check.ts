import { isIsoDate } from '@carecast/engine';
import { ATTRIBUTION_SCALE } from './attribution.js';

type Fail = (path: string, expected: string, got: unknown) => never;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks results.json's `byLever` (absent is fine): its shape, and that each measure's steps add up to
 * its difference and the baseline plus the difference gives the scenario, in the units it is rounded to.
 */
export function checkByLever(value: unknown, fail: Fail): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail('.byLever', 'an array of by-lever splits', value);
  (value as unknown[]).forEach((split, i) => {
    const at = `.byLever[${i}]`;
    if (!isObject(split)) return fail(at, 'an object', split);
    for (const k of ['scenario', 'baseline'] as const) if (typeof split[k] !== 'string') fail(`${at}.${k}`, 'a scenario name', split[k]);
    const steps = split['steps'];
    if (!Array.isArray(steps) || steps.length === 0) return fail(`${at}.steps`, 'a non-empty array of steps', steps);
    steps.forEach((s: unknown, j) => {
      if (!isObject(s) || typeof s['label'] !== 'string' || typeof s['lever'] !== 'string') fail(`${at}.steps[${j}]`, 'a step { label, lever }', s);
    });
    const measures = split['measures'];
    if (!Array.isArray(measures)) return fail(`${at}.measures`, 'an array of measures', measures);
    measures.forEach((m: unknown, j) => {
      const mat = `${at}.measures[${j}]`;
      if (!isObject(m)) return fail(mat, 'an object', m);
      for (const k of ['metric', 'category', 'period'] as const) if (typeof m[k] !== 'string') fail(`${mat}.${k}`, 'a string', m[k]);
      if (m['kind'] !== 'stock' && m['kind'] !== 'flow') fail(`${mat}.kind`, '"stock" or "flow"', m['kind']);
      if (m['unit'] !== 'children' && m['unit'] !== 'GBP') fail(`${mat}.unit`, '"children" or "GBP"', m['unit']);
      for (const k of m['kind'] === 'stock' ? ['date'] : ['from', 'to']) if (!isIsoDate(String(m[k]))) fail(`${mat}.${k}`, 'an ISO date YYYY-MM-DD', m[k]);
      for (const k of ['baseline', 'scenario', 'difference'] as const) if (!finite(m[k])) fail(`${mat}.${k}`, 'a finite number', m[k]);
      const ms = m['steps'];
      if (!Array.isArray(ms) || ms.length !== steps.length || !ms.every(finite)) fail(`${mat}.steps`, `${steps.length} finite numbers, one per step`, ms);
      const scale = ATTRIBUTION_SCALE[m['unit'] as 'children' | 'GBP'];
      const u = (x: number) => Math.round(x * scale);
      const sum = (ms as number[]).reduce((a, x) => a + u(x), 0);
      if (sum !== u(m['difference'] as number) || u(m['baseline'] as number) + sum !== u(m['scenario'] as number)) {
        fail(`${mat}.steps`, `steps adding up to the difference (${String(m['difference'])}) and the baseline plus them to the scenario`, ms);
      }
    });
  });
}
