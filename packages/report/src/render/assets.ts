import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The browser builds inlined into report.html, in load order (vega-embed needs the two others). */
export interface BrowserLibraries {
  readonly vega: string;
  readonly vegaLite: string;
  readonly vegaEmbed: string;
}

let cached: BrowserLibraries | undefined;

// Each package's exports map hides its build folder, so resolve the entry point and read its sibling.
function sibling(require: NodeJS.Require, pkg: string, file: string): string {
  return readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
}

/** The minified UMD builds of vega, vega-lite and vega-embed installed beside this package. */
export function browserLibraries(): BrowserLibraries {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = {
      vega: sibling(require, 'vega', 'vega.min.js'),
      vegaLite: sibling(require, 'vega-lite', 'vega-lite.min.js'),
      vegaEmbed: sibling(require, 'vega-embed', 'vega-embed.min.js'),
    };
  }
  return cached;
}
