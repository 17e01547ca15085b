import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserLibraries } from './libraries.js';

export type { BrowserLibraries };

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
