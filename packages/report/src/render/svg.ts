import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec } from './compile.js';
import { staticSpec } from './static-spec.js';

/**
 * Renders a Vega-Lite spec to an SVG document headlessly; the same spec always gives the same bytes.
 * Layers that only a pointer shows (hover rules and their tooltips) are left out (static-spec.ts): a
 * still picture would draw them invisible.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega: compiled } = compileSpec(staticSpec(spec));
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
