import type { TopLevelSpec } from 'vega-lite';
import { formatDate, formatNumber } from './format.js';

type Json = Record<string, unknown>;

const VALUE_FIELDS = ['value', 'mean', 'children', 'avoided', 'share'] as const;
const GROUP_FIELDS = ['scenario', 'label', 'series'] as const;

function dataRows(spec: unknown, out: Json[][] = []): Json[][] {
  if (Array.isArray(spec)) for (const v of spec) dataRows(v, out);
  else if (spec !== null && typeof spec === 'object') {
    const o = spec as Json;
    const data = o['data'] as { values?: unknown } | undefined;
    if (data && Array.isArray(data.values)) out.push(data.values as Json[]);
    for (const [k, v] of Object.entries(o)) if (k !== 'data') dataRows(v, out);
  }
  return out;
}

function titleText(spec: Json): string {
  const t = spec['title'] as { text?: unknown; subtitle?: unknown } | string | undefined;
  if (typeof t === 'string') return t;
  const text = typeof t?.text === 'string' ? t.text : '';
  const sub = Array.isArray(t?.subtitle) ? t.subtitle.join(' ') : typeof t?.subtitle === 'string' ? t.subtitle : '';
  return [text, sub].filter((x) => x !== '').join('. ');
}

const show = (field: string, x: number) => (field === 'share' ? `${formatNumber(x * 100, 1)}%` : formatNumber(x, Math.abs(x) < 10 && !Number.isInteger(x) ? 2 : 0));
const when = (row: Json) => (typeof row['date'] === 'string' ? formatDate(row['date'] as string) : String(row['year'] ?? ''));

/**
 * A chart in words for screen readers and print: its title and subtitle, then for each series it draws
 * (scenario, category or line) the first and last value it shows, with their dates or years; for a
 * waterfall, every bar's step and what it adds.
 */
export function chartTextAlternative(spec: TopLevelSpec): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const rows of dataRows(spec)) {
    // A waterfall (by-lever): each bar's step and what it adds, in order.
    if (rows.length > 0 && rows.every((r) => typeof r['step'] === 'string' && typeof r['label'] === 'string')) {
      const r0 = rows[0]!;
      lines.push(`${String(r0['scenario'] ?? '')}, ${String(r0['panel'] ?? '')}: ${rows.map((r) => `${String(r['step'])} ${String(r['label'])}`).join(', ')}`);
      continue;
    }
    const field = VALUE_FIELDS.find((f) => rows.some((r) => typeof r[f] === 'number'));
    if (!field || !rows.some((r) => 'date' in r || 'year' in r)) continue;
    const groups = new Map<string, Json[]>();
    for (const r of rows) {
      if (typeof r[field] !== 'number') continue;
      const key = GROUP_FIELDS.map((g) => r[g]).filter((v) => typeof v === 'string').join(', ') || 'value';
      let list = groups.get(key);
      if (list === undefined) groups.set(key, (list = []));
      list.push(r);
    }
    for (const [key, list] of groups) {
      const a = list[0]!;
      const b = list[list.length - 1]!;
      const line = `${key}: ${show(field, a[field] as number)} (${when(a)}) to ${show(field, b[field] as number)} (${when(b)})`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
  }
  const title = titleText(spec as unknown as Json);
  return lines.length === 0 ? `${title}.` : `${title}. ${lines.join('; ')}.`;
}
