import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts, chartTemplates, compileSpec, renderSvg } from '../src/index.js';
import { vegaLiteVersion } from '../src/render/compile.js';
import { staticSpec } from '../src/render/static-spec.js';
import { stillVega } from '../src/render/svg.js';
import { abstractSpec, fillTemplate, makeTemplate } from '../src/render/vega-templates.js';
import { makeResults } from './fixtures.js';

// Templates from one run; drawn for another of the same shape: other numbers, replications and subtitles.
const templates = await chartTemplates([{ results: makeResults({ replications: 50 }) }]);
const version = vegaLiteVersion();
const other = buildCharts({ results: makeResults({ replications: 1000, entryFactor: 1.3 }) });
const compiled = async (spec: TopLevelSpec) => (await compileSpec(spec)).vega;

describe('Vega specs compiled ahead of time (vega-templates.ts)', () => {
  it('a chart of a shape seen before gets exactly the Vega spec compiling it gives, and the same SVG', async () => {
    expect(Object.keys(templates).length).toBe(other.length);
    for (const { name, spec } of other) {
      const abstract = abstractSpec(staticSpec(spec), version);
      expect(templates[abstract.key], name).toBeDefined();
      expect(JSON.stringify(await stillVega(spec, templates)), name).toBe(JSON.stringify(await compiled(staticSpec(spec))));
    }
    const fan = other[0]!.spec;
    expect(await renderSvg(fan, templates)).toBe(await renderSvg(fan));
  }, 60_000);

  it('rows and titles are placeholders; the rest of the spec is the key', async () => {
    const fan = staticSpec(other[0]!.spec);
    const a = abstractSpec(fan, version);
    expect(JSON.stringify(a.spec)).not.toContain('2025-04-30');
    expect(a.texts).toContain('Children in care: range of outcomes');
    // The fan's three band and line layers share one data set: one placeholder.
    expect(a.rows.length).toBeLessThan(JSON.stringify(fan).split('"values"').length - 1);
    const retitled = { ...fan, title: { ...(fan.title as object), text: 'Another title' } } as TopLevelSpec;
    expect(abstractSpec(retitled, version).key).toBe(a.key);
    const wider = { ...fan, width: 500 } as TopLevelSpec;
    expect(abstractSpec(wider, version).key).not.toBe(a.key);
    expect(abstractSpec(fan, '0.0.0').key).not.toBe(a.key);
    const back = fillTemplate(await compiled(a.spec), a);
    expect(JSON.stringify(back)).toBe(JSON.stringify(await compiled(fan)));
  });

  it('a chart of another shape is compiled, and a template that would not give the compiled spec back is never made', async () => {
    const fan = staticSpec(other[0]!.spec);
    const wider = { ...fan, width: 500 } as TopLevelSpec;
    expect(JSON.stringify(await stillVega(wider, templates))).toBe(JSON.stringify(await compiled(wider)));
    // A compiler that writes what it reads of a title (its length): placeholders would not give it back.
    const counting = async (s: TopLevelSpec) =>
      JSON.parse(JSON.stringify(await compiled(s)), (k, v: unknown) => (k === 'text' && typeof v === 'string' ? `${v} (${v.length})` : v)) as VegaSpec;
    expect(await makeTemplate(fan, counting, version)).toBeUndefined();
    expect(await makeTemplate(fan, compiled, version)).toBeDefined();
  });

  it('keys templates by the installed Vega-Lite, read without loading it', async () => {
    const vl = await import('vega-lite');
    expect(version).toBe(vl.version);
  });
});
