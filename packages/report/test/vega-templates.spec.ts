import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts, chartTemplates, renderSvg } from '../src/index.js';
import { vegaLiteVersion } from '../src/render/compile.js';
import { staticSpec } from '../src/render/static-spec.js';
import { compileRuntime, compilerVersions, stillRuntime } from '../src/render/svg.js';
import { abstractSpec, fillTemplate, makeTemplate } from '../src/render/vega-templates.js';
import { makeResults } from './fixtures.js';

// Templates from one run; drawn for another of the same shape: other numbers, replications and subtitles.
const templates = await chartTemplates([{ results: makeResults({ replications: 50 }) }]);
const other = buildCharts({ results: makeResults({ replications: 1000, entryFactor: 1.3 }) });
const versions = compilerVersions();
const text = async (x: unknown) => JSON.stringify(await x);

describe('charts compiled ahead of time (vega-templates.ts)', () => {
  it('a chart of a shape seen before gets exactly the dataflow compiling it gives, and the same SVG', async () => {
    expect(Object.keys(templates).length).toBe(other.length);
    for (const { name, spec } of other) {
      const abstract = abstractSpec(staticSpec(spec), versions);
      expect(templates[abstract.key], name).toBeDefined();
      expect(await text(stillRuntime(spec, templates)), name).toBe(await text(compileRuntime(staticSpec(spec))));
    }
    const fan = other[0]!.spec;
    expect(await renderSvg(fan, templates)).toBe(await renderSvg(fan));
  }, 60_000);

  it('rows and titles are placeholders; the rest of the spec and the compilers are the key', async () => {
    const fan = staticSpec(other[0]!.spec);
    const a = abstractSpec(fan, versions);
    expect(JSON.stringify(a.spec)).not.toContain('2025-04-30');
    expect(a.texts).toContain('Children in care: range of outcomes');
    // The fan's three band and line layers share one data set: one placeholder.
    expect(a.rows.length).toBeLessThan(JSON.stringify(fan).split('"values"').length - 1);
    const retitled = { ...fan, title: { ...(fan.title as object), text: 'Another title' } } as TopLevelSpec;
    expect(abstractSpec(retitled, versions).key).toBe(a.key);
    const wider = { ...fan, width: 500 } as TopLevelSpec;
    expect(abstractSpec(wider, versions).key).not.toBe(a.key);
    expect(abstractSpec(fan, 'vega-lite 0.0.0 vega 0.0.0').key).not.toBe(a.key);
    const back = fillTemplate(JSON.stringify(await compileRuntime(a.spec)), a);
    expect(JSON.stringify(back)).toBe(await text(compileRuntime(fan)));
  });

  it('a title JSON would escape, or a chart of another shape, is compiled', async () => {
    const fan = staticSpec(other[0]!.spec);
    const quoted = { ...fan, title: { ...(fan.title as object), text: 'The "fan" chart' } } as TopLevelSpec;
    expect(fillTemplate(templates[abstractSpec(quoted, versions).key]!, abstractSpec(quoted, versions))).toBeUndefined();
    expect(await text(stillRuntime(quoted, templates))).toBe(await text(compileRuntime(quoted)));
    const wider = { ...fan, width: 500 } as TopLevelSpec;
    expect(await text(stillRuntime(wider, templates))).toBe(await text(compileRuntime(wider)));
  });

  it('a template that would not give the compiled dataflow back is never made', async () => {
    const fan = staticSpec(other[0]!.spec);
    // A compiler that writes what it reads of a title (its length): placeholders would not give it back.
    const counting = async (s: TopLevelSpec) =>
      JSON.parse(JSON.stringify(await compileRuntime(s)), (_, v: unknown) => (typeof v === 'string' && v.includes('range of outcomes') || typeof v === 'string' && v.includes('@carecast_text_') ? `${v} (${v.length})` : v)) as unknown;
    expect(await makeTemplate(fan, counting, versions)).toBeUndefined();
    expect(await makeTemplate(fan, compileRuntime, versions)).toBeDefined();
  });

  it('keys templates by the installed Vega-Lite, read without loading it', async () => {
    const vl = await import('vega-lite');
    expect(vegaLiteVersion()).toBe(vl.version);
  });
});
