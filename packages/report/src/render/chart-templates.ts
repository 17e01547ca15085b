import { buildCharts } from '../charts/index.js';
import type { ReportData } from '../rows.js';
import { staticSpec } from './static-spec.js';
import { compileRuntime, compilerVersions } from './svg.js';
import { makeTemplate, type VegaTemplates } from './vega-templates.js';

/**
 * Templates of the still pictures of every chart of `reports` (vega-templates.ts: Vega's runtime
 * dataflow with rows and titles as placeholders), for `buildReport`'s `vegaTemplates`: a report whose
 * charts have the same shapes (the same charts, categories and panels; any rows, titles and
 * replications) then draws them without compiling Vega-Lite or parsing Vega. A chart whose template
 * would not give exactly the compiled dataflow back is left out, and so is always compiled.
 */
export async function chartTemplates(reports: readonly ReportData[]): Promise<VegaTemplates> {
  const out: Record<string, string> = {};
  const versions = compilerVersions();
  for (const data of reports) {
    for (const { spec } of buildCharts(data)) {
      const made = await makeTemplate(staticSpec(spec), compileRuntime, versions);
      if (made !== undefined) out[made.key] = made.template;
    }
  }
  return out;
}
