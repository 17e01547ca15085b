import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { Spec as VegaSpec } from 'vega';

type VlLogger = NonNullable<NonNullable<Parameters<typeof vl.compile>[1]>['logger']>;

/** The version of the Vega-Lite compiler (vega-templates.ts keys templates by it). */
export const VEGA_LITE_VERSION: string = vl.version;

/** A Vega spec compiled from Vega-Lite, with the compiler's warnings (a chart should have none). */
export interface Compiled {
  readonly vega: VegaSpec;
  readonly warnings: readonly string[];
}

/** Compiles a Vega-Lite spec to Vega, collecting warnings instead of printing them. */
export function compileSpec(spec: TopLevelSpec): Compiled {
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
