import { buildCharts } from '../charts/index.js';
import type { ReportData } from '../rows.js';
import type { Spec as VegaSpec } from 'vega';
import { compileSpec, vegaLiteVersion } from './compile.js';
import { staticSpec } from './static-spec.js';
import { makeTemplate, type VegaTemplates } from './vega-templates.js';

/**
 * Templates of the still pictures of every chart of `reports` (vega-templates.ts), for `buildReport`'s
 * `vegaTemplates`: a report whose charts have the same shapes (the same charts, categories and panels;
 * any rows, titles and replications) then draws them without compiling Vega-Lite. A chart whose
 * template would not give exactly the compiled spec back is left out, and so is always compiled.
 */
export async function chartTemplates(reports: readonly ReportData[]): Promise<VegaTemplates> {
  const out: Record<string, VegaSpec> = {};
  for (const data of reports) {
    for (const { spec } of buildCharts(data)) {
      const made = await makeTemplate(staticSpec(spec), async (s) => (await compileSpec(s)).vega, vegaLiteVersion());
      if (made !== undefined) out[made.key] = made.template;
    }
  }
  return out;
}
