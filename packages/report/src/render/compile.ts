import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type * as VegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { Spec as VegaSpec } from 'vega';

type VlLogger = NonNullable<NonNullable<Parameters<typeof VegaLite.compile>[1]>['logger']>;

// The compiler loads on the first chart compiled: charts drawn from templates (vega-templates.ts) need none.
let vl: typeof VegaLite | undefined;
let version: string | undefined;

/** The installed Vega-Lite's version (vega-templates.ts keys templates by it), read without loading the compiler. */
export function vegaLiteVersion(): string {
  if (version === undefined) {
    const entry = pathToFileURL(createRequire(import.meta.url).resolve('vega-lite'));
    version = (JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')) as { version: string }).version;
  }
  return version;
}

/** A Vega spec compiled from Vega-Lite, with the compiler's warnings (a chart should have none). */
export interface Compiled {
  readonly vega: VegaSpec;
  readonly warnings: readonly string[];
}

/** Compiles a Vega-Lite spec to Vega, collecting warnings instead of printing them. */
export async function compileSpec(spec: TopLevelSpec): Promise<Compiled> {
  vl ??= await import('vega-lite');
  const warnings: string[] = [];
  let level = 0;
  const note = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' '));
    return logger;
  };
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]): never {
      throw new Error(`vega-lite: ${args.map(String).join(' ')}`);
    },
    warn: note,
    info: () => logger,
    debug: () => logger,
  };
  // vega-lite's logger type is vega-util's LoggerInterface; the shape above is that interface.
  const out = vl.compile(spec, { logger: logger as unknown as VlLogger });
  return { vega: out.spec, warnings };
}
