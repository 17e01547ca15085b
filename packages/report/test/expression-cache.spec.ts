import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import { buildCharts, compileSpec } from '../src/index.js';
import { cachingCodegen, precompiledExpressionsModule, type ExpressionCodegen, type PrecompiledExpressions } from '../src/render/expression-cache.js';
import { staticSpec } from '../src/render/static-spec.js';
import { makeResults } from './fixtures.js';

/** Vega's own compiler (what a runtime context given none holds), counting what it compiles. */
function countingVega(): { base: ExpressionCodegen; calls: () => number } {
  const untyped = vega as unknown as { runtimeContext(df: unknown, t: object, f: undefined): { expr: ExpressionCodegen }; Dataflow: new () => unknown };
  const own = untyped.runtimeContext(new untyped.Dataflow(), {}, undefined).expr;
  let n = 0;
  const count =
    <A extends unknown[], R>(f: (...a: A) => R) =>
    (...a: A): R => {
      n++;
      return f(...a);
    };
  const base: ExpressionCodegen = {
    operator: count(own.operator),
    parameter: count(own.parameter),
    event: count(own.event),
    handler: count(own.handler),
    encode: count(own.encode),
    codegen: { get: count(own.codegen.get), comparator: count(own.codegen.comparator) },
  };
  return { base, calls: () => n };
}

async function svgOf(runtime: ReturnType<typeof vega.parse>, expr?: ExpressionCodegen): Promise<string> {
  const view = new vega.View(runtime, { renderer: 'none', logLevel: vega.Error, ...(expr === undefined ? {} : { expr }) });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

describe('expressions compiled once per process (cachingCodegen)', () => {
  it('draws every chart of a report as Vega alone does, compiling each distinct expression once', async () => {
    const { base, calls } = countingVega();
    const cached = cachingCodegen(base);
    const runtimes = await Promise.all(buildCharts({ results: makeResults() }).map(async (c) => vega.parse((await compileSpec(staticSpec(c.spec))).vega)));
    let before = 0;
    // Twice over, interleaved, so that each chart's views reuse functions another view compiled.
    for (const round of [0, 1]) {
      for (const runtime of runtimes) expect(await svgOf(runtime, cached)).toBe(await svgOf(runtime));
      if (round === 0) before = calls();
    }
    expect(before).toBeGreaterThan(50);
    expect(calls()).toBe(before); // the second round compiled nothing
  }, 60_000);

  it('gives each caller its own function (Vega names its accessors), computing the same', () => {
    const { base, calls } = countingVega();
    const cached = cachingCodegen(base);
    const a = cached.codegen.get(['date']);
    const b = cached.codegen.get(['date']);
    expect(a).not.toBe(b);
    expect(a.path).toBe('["date"]');
    expect(b.path).toBe(a.path);
    expect(a({ date: 7 })).toBe(7);
    const f = cached.parameter({ functions: { twice: (x: number) => 2 * x } }, { code: 'this.twice(datum.v)' });
    const g = cached.parameter({ functions: { twice: (x: number) => 3 * x } }, { code: 'this.twice(datum.v)' });
    expect(f({ v: 2 }, {})).toBe(4);
    expect(g({ v: 2 }, {})).toBe(6); // bound to its own view's functions
    expect(calls()).toBe(2);
  });
});

describe('expressions compiled at build time (precompiledExpressionsModule, usePrecompiled)', () => {
  /** The module's text run as an ES module, as the command line's bundle runs it. */
  const load = async (text: string): Promise<PrecompiledExpressions> =>
    ((await import(`data:text/javascript,${encodeURIComponent(text)}`)) as { default: PrecompiledExpressions }).default;

  it("draws every chart from the module's functions as Vega alone does, compiling nothing", async () => {
    const runtimes = await Promise.all(buildCharts({ results: makeResults() }).map(async (c) => vega.parse((await compileSpec(staticSpec(c.spec))).vega)));
    const maker = cachingCodegen();
    for (const runtime of runtimes) await svgOf(runtime, maker);
    const precompiled = await load(precompiledExpressionsModule(maker));
    expect(precompiled.functions.size).toBe(maker.compiledSources().length);
    expect(precompiled.functions.size).toBeGreaterThan(50);
    const { base, calls } = countingVega();
    const cached = cachingCodegen(base);
    expect(cached.usePrecompiled(precompiled)).toBe(true);
    for (const runtime of runtimes) expect(await svgOf(runtime, cached)).toBe(await svgOf(runtime));
    expect(calls()).toBe(0);
    expect(cached.compiledSources()).toEqual([]);
  }, 60_000);

  it("takes no function made for another Vega (each is then compiled as before)", async () => {
    const maker = cachingCodegen();
    maker.codegen.get(['date']);
    const precompiled = await load(precompiledExpressionsModule(maker));
    const { base, calls } = countingVega();
    const cached = cachingCodegen(base);
    expect(cached.usePrecompiled({ ...precompiled, vegaVersion: `not ${vega.version}` })).toBe(false);
    expect(cached.codegen.get(['date'])({ date: 3 })).toBe(3);
    expect(calls()).toBe(1);
  });

  it('gives an accessor its path, and each caller its own copy', async () => {
    const maker = cachingCodegen();
    maker.codegen.get(['month end']);
    const { base, calls } = countingVega();
    const cached = cachingCodegen(base);
    cached.usePrecompiled(await load(precompiledExpressionsModule(maker)));
    const a = cached.codegen.get(['month end']);
    const b = cached.codegen.get(['month end']);
    expect(a).not.toBe(b);
    expect(a.path).toBe('["month end"]');
    expect(a({ 'month end': 5 })).toBe(5);
    expect(calls()).toBe(0);
  });
});
