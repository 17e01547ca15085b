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

/**
 * The spec as a still picture is drawn: every layer that only a pointer makes visible (isPointerOnlyLayer)
 * left out, everywhere in the spec. A headless drawing has no pointer, so those layers show nothing,
 * yet drawing them (a Voronoi diagram for the nearest month, a rule and tooltip per month) took about
 * a fifth of the charts' time. The saved `.vl.json` and report.html keep them, for the tooltips.
 * A layer list left with one layer still draws the same; none is emptied (a chart whose layers were
 * all pointer-only would keep them).
 */
export function staticSpec(spec: TopLevelSpec): TopLevelSpec {
  return strip(spec) as TopLevelSpec;
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (!isObject(v)) return v;
  let changed = false;
  const out: Json = {};
  for (const [k, value] of Object.entries(v)) {
    let next: unknown;
    if (k === 'layer' && Array.isArray(value)) {
      const kept = value.filter((l) => !isPointerOnlyLayer(l));
      next = (kept.length > 0 ? kept : value).map(strip);
    } else if (k === 'data' || k === 'config') {
      next = value; // rows and settings hold no layers
    } else next = strip(value);
    if (next !== value) changed = true;
    out[k] = next;
  }
  return changed ? out : v;
}
