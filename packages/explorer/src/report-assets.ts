// The report's browser libraries (vega, vega-lite, vega-embed), which the command line reads from
// node_modules, bundled here as text and given to @carecast/report/browser's reportPage, which inlines
// them into the downloaded report.html just as the command line does.
import type { BrowserLibraries } from '@carecast/report/browser';
import vega from 'report-lib/vega/build/vega.min.js?raw';
import vegaEmbed from 'report-lib/vega-embed/build/vega-embed.min.js?raw';
import vegaLite from 'report-lib/vega-lite/build/vega-lite.min.js?raw';

export function browserLibraries(): BrowserLibraries {
  return { vega, vegaLite, vegaEmbed };
}
