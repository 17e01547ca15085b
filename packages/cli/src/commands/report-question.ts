// `carecast report` on the results.json of a sweep or a seek: their report drawn again from the
// document (the same files the command wrote), or, when the document lacks what the page needs, a
// usage error naming the field and the command that writes that report.
import type { SeekResult, SweepResult } from '@carecast/scenario';
import type { UncertaintyKinds } from '@carecast/report';
import { UsageError } from '../errors.js';
import { seekReport } from '../output/seek-report.js';
import { NET_COST, sweepReport } from '../output/sweep-report.js';

type Check = 'string' | 'number' | 'boolean' | 'number[]' | readonly string[] | { readonly [field: string]: Check };

const SWEEP: Record<string, Check> = {
  axes: { lever: 'string', setting: 'string', unit: 'string', values: 'number[]' },
  measures: { measure: 'string', unit: 'string' },
  rows: { values: 'number[]', measure: 'string', mean: 'number', p05: 'number', p50: 'number', p95: 'number', ci95_low: 'number', ci95_high: 'number' },
  date: 'string',
  seed: 'number',
  replications: 'number',
};

const SEEK: Record<string, Check> = {
  status: ['found', 'already-met', 'unreachable'],
  direction: ['smallest', 'largest'],
  target: 'string',
  measure: 'string',
  measureUnit: 'string',
  targetValue: 'number',
  date: 'string',
  lever: 'string',
  setting: 'string',
  unit: 'string',
  from: 'number',
  to: 'number',
  step: 'number',
  settled: 'boolean',
  seed: 'number',
  replications: 'number',
  bracket: ['expected-value', 'simulation', 'none'],
  evidence: { value: 'number', stage: 'string', replications: 'number', mean: 'number', p05: 'number', p95: 'number', ci95_low: 'number', ci95_high: 'number', probabilityMet: 'number', decision: 'string' },
  runs: 'number',
  simulatedReplications: 'number',
};

function describeCheck(check: Check): string {
  if (typeof check === 'string') return check === 'number[]' ? 'a list of numbers' : `a ${check}`;
  if (Array.isArray(check)) return `one of ${check.join(', ')}`;
  return `a list of entries with ${Object.keys(check).join(', ')}`;
}

/** Where `value` first fails `check`: the path (`rows[3].mean`) and what was expected there; undefined when it passes. */
function firstProblem(value: unknown, check: Check, path: string): { path: string; expected: string } | undefined {
  const fail = { path, expected: describeCheck(check) };
  if (check === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : fail;
  if (check === 'string' || check === 'boolean') return typeof value === check ? undefined : fail;
  if (check === 'number[]') return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v)) ? undefined : fail;
  if (Array.isArray(check)) return typeof value === 'string' && check.includes(value) ? undefined : fail;
  if (!Array.isArray(value) || value.length === 0) return fail;
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (typeof entry !== 'object' || entry === null) return { path: `${path}[${i}]`, expected: `an entry with ${Object.keys(check).join(', ')}` };
    for (const [field, c] of Object.entries(check)) {
      const bad = firstProblem((entry as Record<string, unknown>)[field], c, `${path}[${i}].${field}`);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}

/** Throws a usage error naming the first field the page needs that the document lacks. */
function requireFields(doc: Record<string, unknown>, fields: Record<string, Check>, kind: 'sweep' | 'seek', file: string): void {
  const refuse = (problem: { path: string; expected: string }): never => {
    throw new UsageError(
      `${file}: this ${kind} results.json has no usable ${problem.path} (expected ${problem.expected}), so its report cannot be drawn from it; \`carecast ${kind}\` writes that report (report.html beside its results.json): run it again with --out DIR`,
    );
  };
  for (const [field, check] of Object.entries(fields)) {
    const bad = firstProblem(doc[field], check, field);
    if (bad !== undefined) refuse(bad);
  }
  if (kind === 'seek' && doc['status'] !== 'unreachable') {
    const bad = firstProblem(doc['answer'], 'number', 'answer');
    if (bad !== undefined) refuse(bad);
  }
  if (kind === 'seek' && doc['status'] === 'found' && doc['settled'] !== true) {
    const interval = doc['interval'];
    if (!Array.isArray(interval) || interval.length !== 2 || firstProblem(interval, 'number[]', 'interval') !== undefined) refuse({ path: 'interval', expected: 'two numbers' });
  }
  if (kind === 'sweep' && (doc['target'] !== undefined || doc['targetValue'] !== undefined)) {
    if (typeof doc['target'] !== 'string') refuse({ path: 'target', expected: 'the target as text, with targetValue' });
    if (typeof doc['targetValue'] !== 'number') refuse({ path: 'targetValue', expected: 'the target\'s value, a number' });
  }
}

/** What a document's ranges hold (`uncertainty`), when it says so; older documents: undefined. */
function uncertaintyOf(doc: Record<string, unknown>): UncertaintyKinds | undefined {
  const u = doc['uncertainty'];
  return u === 'children-paths' || u === 'children-paths-and-rates' ? u : undefined;
}

/**
 * The report files of a sweep's or a seek's results.json (`kind`), as `carecast sweep` or `seek` wrote
 * them (charts as PNG too with `png`). A document without what the page needs is a usage error.
 */
export async function questionDocumentReport(doc: Record<string, unknown>, kind: 'sweep' | 'seek', file: string, png: boolean): Promise<Map<string, string | Uint8Array>> {
  requireFields(doc, kind === 'sweep' ? SWEEP : SEEK, kind, file);
  const scenario = doc['scenario'];
  const name = typeof scenario === 'object' && scenario !== null ? (scenario as { name?: unknown }).name : undefined;
  if (typeof name !== 'string') throw new UsageError(`${file}: this ${kind} results.json has no scenario.name (expected the scenario's name as text), so its report cannot be drawn from it; \`carecast ${kind}\` writes that report: run it again with --out DIR`);
  const files: Map<string, string | Uint8Array> =
    kind === 'sweep' ? await sweepReport(doc as unknown as SweepResult, name, NET_COST, uncertaintyOf(doc)) : await seekReport(doc as unknown as SeekResult, name, uncertaintyOf(doc));
  if (png) {
    const { renderPng } = await import('@carecast/report');
    for (const [path, content] of [...files]) if (path.endsWith('.svg') && typeof content === 'string') files.set(path.replace(/\.svg$/, '.png'), renderPng(content));
  }
  return files;
}
