import { isIsoDate, type Results } from '@carecast/engine';
import { checkByLever } from '../by-lever/check.js';

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
  results.series.forEach((row, i) => {
    const at = `.series[${i}]`;
    if (row === null || typeof row !== 'object') fail(at, 'a row object', row);
    if (!isIsoDate(String(row.date))) fail(`${at}.date`, 'an ISO date YYYY-MM-DD', row.date);
    if (typeof row.metric !== 'string') fail(`${at}.metric`, 'a metric name', row.metric);
    if (typeof row.category !== 'string') fail(`${at}.category`, 'a category id', row.category);
    for (const k of NUMBERS) if (typeof row[k] !== 'number' || !Number.isFinite(row[k])) fail(`${at}.${k}`, 'a finite number', row[k]);
  });
  checkByLever((results as { byLever?: unknown }).byLever, fail);
}
