// Building blocks shared by the chart builders: dates on x, the start marker and hover tooltips.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from '../config.js';

/** A loose JSON object: builders assemble Vega-Lite fragments, and the finished spec is typed once. */
export type Json = Record<string, unknown>;

/** x encoding of ISO dates on a UTC scale, so a browser in any time zone shows the same month ends. */
export function dateX(title = 'Month end'): Json {
  return { field: 'date', type: 'temporal', title, scale: { type: 'utc' }, axis: { format: '%b %Y', labelAngle: 0, tickCount: 6 } };
}

/** Tooltip entry for the date of a row. */
export function dateTooltip(title = 'Month end'): Json {
  return { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title, format: '%d %b %Y' };
}

/** A dashed rule and label at the start date: everything to its right is projected. */
export function startMarker(start: string): Json[] {
  const data = { values: [{ date: start, label: 'Start of projection' }] };
  return [
    { data, mark: { type: 'rule', strokeDash: [4, 3], color: '#000000', strokeWidth: 1 }, encoding: { x: dateX() } },
    {
      data,
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 3, y: -3, fontSize: 11, color: '#000000' },
      encoding: { x: dateX(), text: { field: 'label' } },
    },
  ];
}

/** One tooltip line of a hover layer: a field of the wide rows and the words shown for it. */
export interface HoverField {
  readonly field: string;
  readonly title: string;
  readonly format?: string;
}

/**
 * A hover layer that shows every series of a month in one tooltip: an invisible vertical rule per date
 * that appears at the date nearest the pointer. `rows` are wide: `{date, <field>: value, …}`.
 */
export function hoverLayer(param: string, rows: readonly Json[], fields: readonly HoverField[], format: string): Json {
  return {
    data: { values: rows },
    mark: { type: 'rule', color: '#666666', strokeWidth: 1 },
    encoding: {
      x: dateX(),
      opacity: { condition: { param, empty: false, value: 0.7 }, value: 0 },
      tooltip: [
        dateTooltip(),
        ...fields.map((f) => ({ field: f.field, type: 'quantitative', title: f.title, format: f.format ?? format })),
      ],
    },
    params: [{ name: param, select: { type: 'point', fields: ['date'], nearest: true, on: 'pointerover', clear: 'pointerout' } }],
  };
}

/** Pivots long `{date, key, value}` items into wide rows `{date, s0: …, s1: …}`, one field per key in `keys` order. */
export function widen(items: readonly { date: string; key: string; value: number }[], keys: readonly string[]): Json[] {
  const byDate = new Map<string, Json>();
  for (const it of items) {
    const i = keys.indexOf(it.key);
    if (i < 0) continue;
    let row = byDate.get(it.date);
    if (!row) byDate.set(it.date, (row = { date: it.date }));
    row[`s${i}`] = it.value;
  }
  return [...byDate.values()].sort((a, b) => ((a['date'] as string) < (b['date'] as string) ? -1 : 1));
}

/** Number format of counts of children in tooltips. */
export const CHILDREN_FORMAT = ',.1f';
/** Number format of GBP million in tooltips. */
export const MILLION_FORMAT = ',.2f';
/** Number format of shares in tooltips. */
export const SHARE_FORMAT = '.1%';

/** Subtitle line naming the replications a chart summarises. */
export function replicationsNote(replications: number, mode: string | undefined): string {
  return mode === 'expected-value' ? 'Expected values (deterministic projection)' : `Over ${replications} replications`;
}

/**
 * One chart of `layer`, or, with several `panels` (the `panel` field's values, in that order), a facet of
 * small ones, three a row, each with its own y scale and dates.
 */
export function panelled(head: Json, panels: readonly string[], layer: readonly Json[]): Json {
  return panels.length === 1
    ? { ...head, width: 640, height: 300, layer }
    : {
        ...head,
        facet: { field: 'panel', type: 'nominal', title: null, sort: panels },
        columns: Math.min(3, panels.length),
        resolve: { scale: { y: 'independent' }, axis: { x: 'independent' } },
        spec: { width: 260, height: 160, layer },
      };
}

/** The Vega-Lite schema every spec declares. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Characters of a subtitle line: about the column's width (1060 px) at the subtitle's 12 px. A longer
 * line (a list of scenario names) would widen the drawing past the column, and the page would then
 * scale the whole chart, text and all, down to fit.
 */
export const SUBTITLE_LINE_CHARS = 135;

/** Subtitle lines broken at spaces into lines of at most SUBTITLE_LINE_CHARS characters (a longer word stays whole). */
export function wrapSubtitle(subtitle: string | readonly string[]): string[] {
  return (typeof subtitle === 'string' ? [subtitle] : subtitle).flatMap((line) => {
    const out: string[] = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (current !== '' && current.length + 1 + word.length > SUBTITLE_LINE_CHARS) {
        out.push(current);
        current = word;
      } else current = current === '' ? word : `${current} ${word}`;
    }
    return [...out, current];
  });
}

/** Completes a spec with its schema and the shared config, so a saved `.vl.json` renders on its own; wraps long subtitle lines. */
export function finish(spec: Json): TopLevelSpec {
  const title = spec['title'] as Json | string | undefined;
  const subtitle = typeof title === 'object' ? (title['subtitle'] as string | string[] | undefined) : undefined;
  const lines = subtitle === undefined ? undefined : wrapSubtitle(subtitle);
  // A one-line string stays a string.
  const text = typeof subtitle === 'string' && lines!.length === 1 ? subtitle : lines;
  const wrapped = text === undefined ? spec : { ...spec, title: { ...(title as Json), subtitle: text } };
  return { $schema: VEGA_LITE_SCHEMA, ...wrapped, config: CHART_CONFIG } as unknown as TopLevelSpec;
}
