import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts, chartTemplates, compileSpec, renderSvg } from '../src/index.js';
import { VEGA_LITE_VERSION } from '../src/render/compile.js';
import { staticSpec } from '../src/render/static-spec.js';
import { stillVega } from '../src/render/svg.js';
import { abstractSpec, fillTemplate, makeTemplate } from '../src/render/vega-templates.js';
import { makeResults } from './fixtures.js';

// Templates from one run; drawn for another of the same shape: other numbers, replications and subtitles.
const templates = chartTemplates([{ results: makeResults({ replications: 50 }) }]);
const other = buildCharts({ results: makeResults({ replications: 1000, entryFactor: 1.3 }) });
const compiled = (spec: TopLevelSpec) => compileSpec(spec).vega;

describe('Vega specs compiled ahead of time (vega-templates.ts)', () => {
  it('a chart of a shape seen before gets exactly the Vega spec compiling it gives, and the same SVG', async () => {
    expect(Object.keys(templates).length).toBe(other.length);
    for (const { name, spec } of other) {
      const abstract = abstractSpec(staticSpec(spec), VEGA_LITE_VERSION);
      expect(templates[abstract.key], name).toBeDefined();
      expect(JSON.stringify(stillVega(spec, templates)), name).toBe(JSON.stringify(compiled(staticSpec(spec))));
    }
    const fan = other[0]!.spec;
    expect(await renderSvg(fan, templates)).toBe(await renderSvg(fan));
  }, 60_000);

  it('rows and titles are placeholders; the rest of the spec is the key', () => {
    const fan = staticSpec(other[0]!.spec);
    const a = abstractSpec(fan, VEGA_LITE_VERSION);
    expect(JSON.stringify(a.spec)).not.toContain('2025-04-30');
    expect(a.texts).toContain('Children in care: range of outcomes');
    // The fan's three band and line layers share one data set: one placeholder.
    expect(a.rows.length).toBeLessThan(JSON.stringify(fan).split('"values"').length - 1);
    const retitled = { ...fan, title: { ...(fan.title as object), text: 'Another title' } } as TopLevelSpec;
    expect(abstractSpec(retitled, VEGA_LITE_VERSION).key).toBe(a.key);
    const wider = { ...fan, width: 500 } as TopLevelSpec;
    expect(abstractSpec(wider, VEGA_LITE_VERSION).key).not.toBe(a.key);
    expect(abstractSpec(fan, '0.0.0').key).not.toBe(a.key);
    const back = fillTemplate(compiled(a.spec) as VegaSpec, a);
    expect(JSON.stringify(back)).toBe(JSON.stringify(compiled(fan)));
  });

  it('a chart of another shape is compiled, and a template that would not give the compiled spec back is never made', () => {
    const fan = staticSpec(other[0]!.spec);
    const wider = { ...fan, width: 500 } as TopLevelSpec;
    expect(JSON.stringify(stillVega(wider, templates))).toBe(JSON.stringify(compiled(wider)));
    // A compiler that writes what it reads of a title (its length): placeholders would not give it back.
    const counting = (s: TopLevelSpec) =>
      JSON.parse(JSON.stringify(compiled(s)), (k, v: unknown) => (k === 'text' && typeof v === 'string' ? `${v} (${v.length})` : v)) as VegaSpec;
    expect(makeTemplate(fan, counting, VEGA_LITE_VERSION)).toBeUndefined();
    expect(makeTemplate(fan, compiled, VEGA_LITE_VERSION)).toBeDefined();
  });
});
