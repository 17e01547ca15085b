import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts, compileSpec, FONT_FAMILY, fontFiles, renderSvg } from '../src/index.js';
import { isInvisibleLayer, isPointerOnlyLayer, staticSpec } from '../src/render/static-spec.js';
import { makeResults } from './fixtures.js';

const charts = buildCharts({ results: makeResults() });

/** Every layer of a spec, wherever it sits. */
function layers(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(layers);
  if (typeof v !== 'object' || v === null) return [];
  const o = v as Record<string, unknown>;
  return [...(Array.isArray(o['layer']) ? o['layer'] : []), ...Object.entries(o).filter(([k]) => k !== 'data').flatMap(([, x]) => layers(x))];
}

/** The SVG of a spec drawn whole, hover layers and all (what renderSvg drew before staticSpec). */
async function wholeSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse((await compileSpec(spec)).vega), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const pixels = (svg: string) =>
  new Resvg(svg, { font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).render().pixels;

describe('charts drawn as still pictures (staticSpec)', () => {
  it('leaves out only the layers a pointer makes visible, and leaves the spec given untouched', () => {
    const fan = charts.find((c) => c.name === 'in-care-fan')!.spec;
    const before = JSON.stringify(fan);
    const all = layers(fan);
    const hover = all.filter(isPointerOnlyLayer);
    expect(hover).toHaveLength(1);
    const kept = layers(staticSpec(fan));
    expect(kept).toHaveLength(all.length - 1);
    expect(kept.some(isPointerOnlyLayer)).toBe(false);
    expect(JSON.stringify(fan)).toBe(before);
  });

  it('a layer whose selection is not pointer-driven, or that shows without one, is kept', () => {
    const hover = layers(charts[0]!.spec).find(isPointerOnlyLayer) as Record<string, unknown>;
    const encoding = hover['encoding'] as Record<string, unknown>;
    const shown = { ...hover, encoding: { ...encoding, opacity: { ...(encoding['opacity'] as object), value: 0.5 } } };
    expect(isPointerOnlyLayer(shown)).toBe(false);
    const params = (hover['params'] as { select: object }[]).map((p) => ({ ...p, select: { ...p.select, on: 'click' } }));
    expect(isPointerOnlyLayer({ ...hover, params })).toBe(false);
  });

  it('leaves out a layer that never shows only when its positions are drawn by a sibling', () => {
    const sufficiency = charts.find((c) => c.name === 'sufficiency')!.spec as unknown as { spec: { layer: Record<string, unknown>[] } };
    const [line, points] = sufficiency.spec.layer;
    expect(isInvisibleLayer(points, sufficiency.spec.layer)).toBe(true);
    expect(layers(staticSpec(sufficiency as unknown as TopLevelSpec))).toHaveLength(1);
    const encoding = points!['encoding'] as Record<string, Record<string, unknown>>;
    // Its y field drawn by no other layer: the y scale could change without it.
    expect(isInvisibleLayer({ ...points, encoding: { ...encoding, y: { ...encoding['y'], field: 'capacity' } } }, [line, points])).toBe(false);
    expect(isInvisibleLayer(points, [points])).toBe(false);
    // Seen after all, or encoding a colour (a scale and a legend): kept.
    expect(isInvisibleLayer({ ...points, mark: { type: 'point', opacity: 0.5 } }, [line, points])).toBe(false);
    expect(isInvisibleLayer({ ...points, encoding: { ...encoding, color: { field: 'label', type: 'nominal' } } }, [line, points])).toBe(false);
  });

  it('labels the path of each area and line by its series, not by its first row', async () => {
    const text = await renderSvg(charts.find((c) => c.name === 'in-care-by-category')!.spec);
    const areas = [...text.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="area mark"/g)].map((m) => m[1]);
    expect(areas.length).toBeGreaterThan(3);
    for (const label of areas) expect(label).toMatch(/^Placement category: [^;]+$/);
    expect(text).toMatch(/aria-label="Y-axis titled/); // axes keep theirs
    // A layer of one series (the fan's mean line and bands, a constant colour) is hidden from screen readers.
    const fan = await renderSvg(charts.find((c) => c.name === 'in-care-fan')!.spec);
    expect(fan).not.toMatch(/aria-roledescription="(area|line) mark"/);
    expect(fan).toMatch(/<g class="mark-line role-mark [^"]*" aria-hidden="true"><path d="M/);
  });

  it('draws every chart of a report pixel for pixel as the whole spec does, in less SVG', async () => {
    const changed = charts.filter((c) => JSON.stringify(staticSpec(c.spec)) !== JSON.stringify(c.spec));
    expect(changed.map((c) => c.name)).toEqual(expect.arrayContaining(['in-care-fan', 'in-care-by-category', 'out-of-preference', 'sufficiency']));
    for (const { name, spec } of changed) {
      const still = await renderSvg(spec);
      const whole = await wholeSvg(spec);
      expect(still.length, name).toBeLessThan(whole.length);
      const a = pixels(still);
      const b = pixels(whole);
      expect(a.length, name).toBe(b.length);
      expect(Buffer.compare(Buffer.from(a), Buffer.from(b)), name).toBe(0);
    }
  }, 120_000);
});
