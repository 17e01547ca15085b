import { isIsoDate, type Results } from '@carecast/engine';
import { checkByLever } from '../by-lever/check.js';

type Fail = (path: string, expected: string, got: unknown) => never;

/** results.json `assumptions` (absent is fine): one object per scenario with the fields the workbook reads. */
function checkAssumptions(value: unknown, fail: Fail): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail('.assumptions', 'an array, one entry per scenario', value);
  (value as unknown[]).forEach((a, i) => {
    const at = `.assumptions[${i}]`;
    const o = (a ?? {}) as Record<string, unknown>;
    if (typeof a !== 'object' || a === null) fail(at, 'an object', a);
    if (typeof o['scenario'] !== 'string') fail(`${at}.scenario`, 'a scenario name', o['scenario']);
    if (!isIsoDate(String(o['priceBase']))) fail(`${at}.priceBase`, 'an ISO date YYYY-MM-DD', o['priceBase']);
    if (typeof o['inflationPerYear'] !== 'number' || !Number.isFinite(o['inflationPerYear'])) fail(`${at}.inflationPerYear`, 'a finite number', o['inflationPerYear']);
    const costs = o['weeklyCostGbp'];
    if (typeof costs !== 'object' || costs === null) fail(`${at}.weeklyCostGbp`, 'GBP per week by placement category', costs);
    for (const [k, v] of Object.entries(costs as object)) if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${at}.weeklyCostGbp.${k}`, 'a finite number of GBP per week', v);
    if (!Array.isArray(o['capacity'])) fail(`${at}.capacity`, 'an array of capacity-limited categories', o['capacity']);
    (o['capacity'] as unknown[]).forEach((c, j) => {
      if (typeof c !== 'object' || c === null || typeof (c as { category?: unknown }).category !== 'string') fail(`${at}.capacity[${j}]`, 'an object with a category', c);
    });
    if (!Array.isArray(o['levers']) || !(o['levers'] as unknown[]).every((l) => typeof l === 'string')) fail(`${at}.levers`, 'an array of sentences', o['levers']);
  });
}

const NUMBERS = ['mean', 'p05', 'p25', 'p50', 'p75', 'p95'] as const;

/**
 * Checks that a results document has the shape the charts read, throwing a TypeError that names the
 * first bad field (`results.series[12].p05: expected a finite number, got null`).
 */
export function checkResults(results: Results, name = 'results'): void {
  const fail = (path: string, expected: string, got: unknown): never => {
    throw new TypeError(`${name}${path}: expected ${expected}, got ${JSON.stringify(got) ?? String(got)}`);
  };
  if (results === null || typeof results !== 'object') fail('', 'a results object', results);
  if (!isIsoDate(String(results.start))) fail('.start', 'an ISO date YYYY-MM-DD', results.start);
  if (!isIsoDate(String(results.end))) fail('.end', 'an ISO date YYYY-MM-DD', results.end);
  if (typeof results.scenario?.name !== 'string') fail('.scenario.name', 'a string', results.scenario?.name);
  const description: unknown = results.scenario.description;
  if (description !== undefined && typeof description !== 'string') fail('.scenario.description', 'a string', description);
  const levers: unknown = results.levers;
  if (levers !== undefined) {
    if (!Array.isArray(levers)) fail('.levers', 'an array of sentences', levers);
    (levers as unknown[]).forEach((l, i) => {
      if (typeof l !== 'string') fail(`.levers[${i}]`, 'a sentence', l);
    });
  }
  if (!Array.isArray(results.series)) fail('.series', 'an array of rows', results.series);
  // Rows share a few dozen month ends: each distinct date is checked once. A plain loop that makes
  // nothing per row (a closure per row for its path was some 3 MB of garbage for 13,000 rows).
  const dates = new Set<string>();
  const series = results.series;
  for (let i = 0; i < series.length; i++) {
    const row = series[i]!;
    if (row === null || typeof row !== 'object') fail(`.series[${i}]`, 'a row object', row);
    if (typeof row.date !== 'string' || !dates.has(row.date)) {
      if (!isIsoDate(String(row.date))) fail(`.series[${i}].date`, 'an ISO date YYYY-MM-DD', row.date);
      dates.add(row.date);
    }
    if (typeof row.metric !== 'string') fail(`.series[${i}].metric`, 'a metric name', row.metric);
    if (typeof row.category !== 'string') fail(`.series[${i}].category`, 'a category id', row.category);
    // Each number read by its name written out (session 21, cli README: a read by a name held in a
    // variable costs several times as much in code that runs once); NUMBERS names the first bad one.
    if (!Number.isFinite(row.mean) || !Number.isFinite(row.p05) || !Number.isFinite(row.p25) || !Number.isFinite(row.p50) || !Number.isFinite(row.p75) || !Number.isFinite(row.p95)) {
      const k = NUMBERS.find((n) => !Number.isFinite(row[n]))!;
      fail(`.series[${i}].${k}`, 'a finite number', row[k]);
    }
  }
  checkByLever((results as { byLever?: unknown }).byLever, fail);
  checkAssumptions((results as { assumptions?: unknown }).assumptions, fail);
}
