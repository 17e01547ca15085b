import * as vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { compileSpec } from './compile.js';

/** Renders a Vega-Lite spec to an SVG document headlessly; the same spec always gives the same bytes. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega: compiled } = compileSpec(spec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
