import * as vega from 'vega';
import type { Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec, vegaLiteVersion } from './compile.js';
import { staticSpec } from './static-spec.js';
import { abstractSpec, fillTemplate, type VegaTemplates } from './vega-templates.js';

/** The Vega spec of a still picture of `spec`: from a template of its shape when `templates` has one, else compiled. */
export async function stillVega(spec: TopLevelSpec, templates?: VegaTemplates): Promise<VegaSpec> {
  const still = staticSpec(spec);
  if (templates !== undefined) {
    const abstract = abstractSpec(still, vegaLiteVersion());
    const template = templates[abstract.key];
    if (template !== undefined) return fillTemplate(template, abstract);
  }
  return (await compileSpec(still)).vega;
}

/**
 * Renders a Vega-Lite spec to an SVG document headlessly; the same spec always gives the same bytes.
 * Layers that only a pointer shows (hover rules and their tooltips) are left out (static-spec.ts): a
 * still picture would draw them invisible. With `templates` (chartTemplates), a spec of a shape
 * compiled before skips the Vega-Lite compiler (vega-templates.ts): the same Vega spec, the same SVG.
 */
export async function renderSvg(spec: TopLevelSpec, templates?: VegaTemplates): Promise<string> {
  const compiled = await stillVega(spec, templates);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
