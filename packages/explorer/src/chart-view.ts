// What a kept chart view needs, without the page: the spec split into its shape and named datasets,
// the Vega spec patched so a view updated in place draws what a fresh one draws, and the update itself.
import type { Spec as VegaSpec, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';

/**
 * A spec with every inline `data: { values }` moved to top-level named `datasets` (`d0`, `d1`, ...):
 * Vega-Lite keeps those names in the Vega spec, so a view can take new values for each one without
 * being compiled and drawn again. `shape` is the rest of the spec: equal shapes differ only in data.
 */
export function splitData(spec: TopLevelSpec): { spec: TopLevelSpec; datasets: Record<string, unknown[]>; shape: string } {
  const datasets: Record<string, unknown[]> = {};
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const values = (value as { values?: unknown } | null)?.values;
      if (key === 'data' && Array.isArray(values)) {
        const name = `d${Object.keys(datasets).length}`;
        datasets[name] = values;
        const { values: _, ...rest } = value as Record<string, unknown>;
        out[key] = { ...rest, name };
      } else out[key] = walk(value);
    }
    return out;
  };
  const named = walk(spec) as TopLevelSpec;
  return { spec: { ...named, datasets } as TopLevelSpec, datasets, shape: JSON.stringify(named) };
}

/**
 * The spec without Vega-Lite's ARIA attributes (`config.aria: false`: no description per mark item, no
 * roles or labels on guides). They are attributes of SVG elements only; what is drawn is the same
 * (test/chart-view.spec.ts compares the SVG of both with those attributes taken out).
 */
export const withoutAria = (spec: TopLevelSpec): TopLevelSpec => ({ ...spec, config: { ...spec.config, aria: false } }) as TopLevelSpec;

/** An axis's parts drawn one item per tick value (Vega keys them by value). */
const TICK_PARTS = ['ticks', 'labels', 'grid'] as const;

type Json = Record<string, unknown>;

/**
 * The Vega spec with every axis's ticks, labels and grid lines drawn in tick order (z-index the tick's
 * `index`, its rank from 0 to 1). Vega keys those items by tick value: a view given new data keeps the
 * items of the values it still shows where they were and adds the new ones after them, so without this
 * the same chart updated in place and drawn anew list its ticks in different orders (same picture,
 * different SVG). A fresh view draws them in tick order either way.
 */
export function ticksInOrder(spec: VegaSpec): VegaSpec {
  const walk = (node: Json): Json => {
    const out: Json = { ...node };
    if (Array.isArray(node['axes'])) {
      out['axes'] = (node['axes'] as Json[]).map((axis) => {
        const encode = { ...(axis['encode'] as Json | undefined) };
        for (const part of TICK_PARTS) {
          const own = encode[part] as Json | undefined;
          encode[part] = { ...own, update: { ...(own?.['update'] as Json | undefined), zindex: { field: 'index' } } };
        }
        return { ...axis, encode };
      });
    }
    if (Array.isArray(node['marks'])) out['marks'] = (node['marks'] as Json[]).map((mark) => (mark['type'] === 'group' ? walk(mark) : mark));
    return out;
  };
  return walk(spec as unknown as Json) as unknown as VegaSpec;
}

/**
 * Values for Vega from their JSON text: new objects. Vega stamps every object it is given with its tuple
 * id and takes an object already stamped for the tuple of that id, so a copy of a drawn row made with a
 * spread (`{ ...row, value }`) would come back as the old tuple, with its old values.
 */
export const freshValues = (text: string): unknown[] => JSON.parse(text) as unknown[];

/**
 * Gives a kept view the datasets whose values changed (`drawn`: each dataset's values as last given,
 * JSON text, updated here) and redraws it, laid out again: Vega lays a view out (its size and the
 * plot's place within it, from titles, axes and legends) on its first run and on a resize only, so a
 * view given new values keeps the old layout unless told to resize. Resolves to whether anything changed.
 */
export async function updateView(view: View, datasets: Record<string, unknown[]>, drawn: Map<string, string>): Promise<boolean> {
  let changed = false;
  for (const [set, values] of Object.entries(datasets)) {
    const text = JSON.stringify(values);
    if (drawn.get(set) === text) continue;
    drawn.set(set, text);
    view.data(set, freshValues(text));
    changed = true;
  }
  if (!changed) return false;
  view.resize();
  await view.runAsync();
  return true;
}
