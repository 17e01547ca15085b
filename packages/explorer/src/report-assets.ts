// Stands in for @carecast/report's render/assets.js in the explorer's bundle (see vite.config.ts): the
// report's browser libraries, which the command line reads from node_modules, are bundled here as text
// and inlined into the downloaded report.html just as the command line inlines them.
import vega from 'report-lib/vega/build/vega.min.js?raw';
import vegaEmbed from 'report-lib/vega-embed/build/vega-embed.min.js?raw';
import vegaLite from 'report-lib/vega-lite/build/vega-lite.min.js?raw';

export interface BrowserLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

export function browserLibraries(): BrowserLibraries {
  return { vega, vegaLite, vegaEmbed };
}
