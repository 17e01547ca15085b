import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec, vegaLiteVersion } from './compile.js';
import { sharedCodegen } from './expression-cache.js';
import { staticSpec } from './static-spec.js';
import { abstractSpec, fillTemplate, type VegaTemplates } from './vega-templates.js';

/** What Vega's runtime dataflow is parsed from (`vega.parse`) and a View runs. */
export type VegaRuntime = ReturnType<typeof vega.parse>;

/** The versions of the two compilers a template was made with (vega-templates.ts keys templates by them). */
export function compilerVersions(): string {
  return `vega-lite ${vegaLiteVersion()} vega ${vega.version}`;
}

/** Compiles a Vega-Lite spec to Vega's runtime dataflow: Vega-Lite's compiler, then Vega's parser. */
export async function compileRuntime(spec: TopLevelSpec): Promise<VegaRuntime> {
  return vega.parse((await compileSpec(spec)).vega);
}

/**
 * Vega's runtime dataflow of a still picture of `spec`: from a template of its shape when `templates`
 * has one (vega-templates.ts), else compiled (the same dataflow).
 */
export async function stillRuntime(spec: TopLevelSpec, templates?: VegaTemplates): Promise<VegaRuntime> {
  const still = staticSpec(spec);
  if (templates !== undefined) {
    const abstract = abstractSpec(still, compilerVersions());
    const template = templates[abstract.key];
    const filled = template === undefined ? undefined : fillTemplate(template, abstract);
    if (filled !== undefined) return filled as VegaRuntime;
  }
  return compileRuntime(still);
}

/**
 * Renders a Vega-Lite spec to an SVG document headlessly; the same spec always gives the same bytes.
 * Layers that only a pointer shows (hover rules and their tooltips) are left out (static-spec.ts): a
 * still picture would draw them invisible. With `templates` (chartTemplates), a spec of a shape
 * compiled before skips Vega-Lite's compiler and Vega's parser (vega-templates.ts): the same dataflow,
 * the same SVG. Expressions are compiled once per process (expression-cache.ts).
 */
export async function renderSvg(spec: TopLevelSpec, templates?: VegaTemplates): Promise<string> {
  const view = new vega.View(await stillRuntime(spec, templates), { renderer: 'none', logLevel: vega.Error, expr: sharedCodegen });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
