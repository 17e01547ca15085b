import type { TopLevelSpec } from 'vega-lite';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a layer draws nothing until a pointer moves over the chart: it declares a pointer-driven
 * selection and its opacity is 0 except where that selection holds (`empty: false`). charts/parts.ts's
 * `hoverLayer` (an invisible rule per month that shows the month's tooltip) is one.
 */
export function isPointerOnlyLayer(layer: unknown): boolean {
  if (!isObject(layer)) return false;
  const params = Array.isArray(layer['params']) ? layer['params'].filter(isObject) : [];
  const pointerParams = new Set(
    params
      .filter((p) => isObject(p['select']) && typeof p['select']['on'] === 'string' && p['select']['on'].startsWith('pointer'))
      .map((p) => p['name']),
  );
  if (pointerParams.size === 0) return false;
  const encoding = isObject(layer['encoding']) ? layer['encoding'] : {};
  const opacity = encoding['opacity'];
  if (!isObject(opacity) || opacity['value'] !== 0 || !isObject(opacity['condition'])) return false;
  const condition = opacity['condition'];
  return pointerParams.has(condition['param']) && condition['empty'] === false;
}

/** Channels a layer may encode and still be left out unseen: position, drawn by a sibling too, and the tooltip. */
const POSITION = ['x', 'y', 'x2', 'y2'] as const;
const UNSEEN_CHANNELS = new Set<string>([...POSITION, 'tooltip']);

/**
 * Whether a layer draws nothing in any state and changes no scale or legend: its mark's opacity is a
 * constant 0 (no opacity channel, no selection), it encodes only position and a tooltip, and each of its
 * position fields is drawn on the same channel, from the same data, by one of `siblings`. Charts use such
 * a layer for tooltips over a line (sufficiency's points at each month); still, it drew one invisible
 * point per row with its tooltip's text as a label (nine formatted numbers each).
 */
export function isInvisibleLayer(layer: unknown, siblings: readonly unknown[]): boolean {
  if (!isObject(layer) || !isObject(layer['mark']) || layer['mark']['opacity'] !== 0 || 'params' in layer) return false;
  const encoding = isObject(layer['encoding']) ? layer['encoding'] : {};
  if (!Object.keys(encoding).every((k) => UNSEEN_CHANNELS.has(k))) return false;
  const data = JSON.stringify(layer['data']);
  return POSITION.every((channel) => {
    const own = encoding[channel];
    if (own === undefined) return true;
    if (!isObject(own) || typeof own['field'] !== 'string') return false;
    return siblings.some((s) => {
      if (!isObject(s) || s === layer || JSON.stringify(s['data']) !== data || !isObject(s['encoding'])) return false;
      const theirs = s['encoding'][channel];
      return isObject(theirs) && theirs['field'] === own['field'] && !isInvisibleLayer(s, []);
    });
  });
}

/** Marks Vega draws as one path per series, labelled with its first row's description alone. */
const SERIES_MARKS = new Set(['area', 'line', 'trail']);
/** Channels whose discrete fields split a mark's rows into series (Vega-Lite groups a path's rows by them). */
const SERIES_CHANNELS = ['color', 'fill', 'stroke', 'strokeDash', 'opacity', 'strokeWidth', 'size', 'detail'];

/**
 * A layer of areas, lines or trails labelled by its series alone: Vega formats each row's description
 * (every field, dates and numbers in words) and writes only the first row's on the series' path ("Month
 * end: Apr 2025; Children in care (children): 68; Placement category: Kinship foster; order: 0"), one
 * month given as if it were the series. Instead each path is labelled with the fields that tell its series
 * apart, titled as in the legend ("Placement category: Kinship foster"), and a layer of one series has
 * no label. The pixels are the same; a layer that sets its own description or tooltip is left as it is.
 */
function seriesLabelled(layer: Json): Json {
  const mark = layer['mark'];
  const type = typeof mark === 'string' ? mark : isObject(mark) ? mark['type'] : undefined;
  if (typeof type !== 'string' || !SERIES_MARKS.has(type) || (isObject(mark) && 'aria' in mark)) return layer;
  const encoding = isObject(layer['encoding']) ? layer['encoding'] : {};
  if ('description' in encoding || 'tooltip' in encoding) return layer;
  const parts: string[] = [];
  for (const channel of SERIES_CHANNELS) {
    for (const def of [encoding[channel]].flat()) {
      if (!isObject(def) || typeof def['field'] !== 'string' || (def['type'] !== 'nominal' && def['type'] !== 'ordinal')) continue;
      const title = typeof def['title'] === 'string' ? def['title'] : def['field'];
      parts.push(`${JSON.stringify(`${title}: `)} + datum[${JSON.stringify(def['field'])}]`);
    }
  }
  if (parts.length === 0) return { ...layer, mark: { ...(isObject(mark) ? mark : { type }), aria: false } };
  return { ...layer, encoding: { ...encoding, description: { value: { expr: parts.join(" + '; ' + ") } } } };
}

/**
 * The spec as a still picture is drawn: every layer that only a pointer makes visible (isPointerOnlyLayer)
 * or that never shows (isInvisibleLayer) left out, everywhere in the spec, and paths of series labelled
 * by their series, not by their first row (`seriesLabelled`). A headless drawing has no pointer, so those layers show
 * nothing, yet drawing them (a Voronoi diagram for the nearest month, a rule and tooltip per month; an
 * invisible point per row) took about a fifth of the charts' time, and the labels nearly as much. The
 * saved `.vl.json` and report.html keep them, for the tooltips.
 * A layer list left with one layer still draws the same; none is emptied (a chart whose layers were
 * all left out would keep them).
 */
export function staticSpec(spec: TopLevelSpec): TopLevelSpec {
  return strip(spec) as TopLevelSpec;
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (!isObject(v)) return v;
  let changed = false;
  const out: Json = {};
  const labelled = 'mark' in v ? seriesLabelled(v) : v;
  for (const [k, value] of Object.entries(labelled)) {
    let next: unknown;
    if (k === 'layer' && Array.isArray(value)) {
      const kept = value.filter((l) => !isPointerOnlyLayer(l) && !isInvisibleLayer(l, value));
      next = (kept.length > 0 ? kept : value).map(strip);
    } else if (k === 'data' || k === 'config') {
      next = value; // rows and settings hold no layers
    } else next = strip(value);
    if (next !== value) changed = true;
    out[k] = next;
  }
  return changed || labelled !== v ? out : v;
}
