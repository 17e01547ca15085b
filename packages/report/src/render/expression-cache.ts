// Vega compiles every expression of a view (encoders, signal updates, parameters) with `new Function`,
// once per view: the ten charts of a report made 1,454 such functions from 239 distinct texts, the same
// axis, legend and title encoders in every chart. A View takes its expression compiler as the `expr`
// option (vega-runtime's context: operator, parameter, event, handler, encode, codegen); this one asks
// Vega's own (the one a runtime context takes when given none) once per distinct text and hands each
// view the function bound to that view's functions, as Vega's does. The command line's bundle also
// holds the functions of the shipped charts as code (precompiledExpressionsModule, written at build
// time by packages/cli scripts/chart-templates.mjs), so that V8's code cache has their bytecode and no
// process compiles them with `new Function` (session 21, cli README).
import * as vega from 'vega';

type Fn = (...args: unknown[]) => unknown;
/** What a runtime context passes to its compiler: its expression functions (`this` inside the code). */
interface Ctx {
  readonly functions?: object;
}
interface Expr {
  readonly code: string;
}
/** An accessor Vega made from a field path (its `path` is the code after `_`, e.g. `["date"]`). */
type Getter = Fn & { path?: string };
interface Encode {
  readonly marktype: string;
  readonly channels: Readonly<Record<string, Expr>>;
}
/** vega-runtime's expression compiler: what the View option `expr` takes. */
export interface ExpressionCodegen {
  operator(ctx: Ctx | null, expr: Expr): Fn;
  parameter(ctx: Ctx | null, expr: Expr): Fn;
  event(ctx: Ctx | null, expr: Expr): Fn;
  handler(ctx: Ctx | null, expr: Expr): Fn;
  encode(ctx: Ctx | null, encode: Encode): Fn;
  readonly codegen: {
    get(path: readonly string[]): Getter;
    comparator(fields: readonly Getter[], orders: readonly number[]): Fn;
  };
}

// vega exports runtimeContext (vega-runtime's `context`) and Dataflow without types; a context given no
// compiler holds Vega's default one as `expr`.
const untyped = vega as unknown as {
  runtimeContext(df: unknown, transforms: object, functions: undefined): { expr: ExpressionCodegen };
  Dataflow: new () => unknown;
};
const vegaCodegen: ExpressionCodegen = untyped.runtimeContext(new untyped.Dataflow(), {}, undefined).expr;

/** Functions Vega would compile, by the key `cachingCodegen` finds them by (kind and code), made for one Vega version. */
export interface PrecompiledExpressions {
  readonly vegaVersion: string;
  readonly functions: ReadonlyMap<string, Fn>;
}

/** An expression compiler that compiles each distinct expression once (`cachingCodegen`). */
export interface CachingCodegen extends ExpressionCodegen {
  /** Takes `precompiled`'s functions as if compiled already, when they were made for this Vega; says whether it did. */
  usePrecompiled(precompiled: PrecompiledExpressions): boolean;
  /** What this compiler compiled itself, in order: each key, Vega's function as source text, and an accessor's path. */
  compiledSources(): readonly (readonly [key: string, source: string, path: string | undefined])[];
}

/**
 * An expression compiler for `new vega.View(runtime, { expr })` that compiles each distinct expression,
 * field accessor and comparator once through Vega's own and gives every view its own bound copy: Vega
 * sets properties on the functions it is given (an accessor's field and name), so none is shared.
 */
export function cachingCodegen(base: ExpressionCodegen = vegaCodegen): CachingCodegen {
  const compiled = new Map<string, Fn>();
  const own: string[] = [];
  const once = (key: string, compile: () => Fn): Fn => {
    let fn = compiled.get(key);
    if (fn === undefined) {
      compiled.set(key, (fn = compile()));
      own.push(key);
    }
    return fn;
  };
  // Vega compiles without a context to get the unbound function, and binds it to the context's functions.
  const bound = (ctx: Ctx | null, key: string, compile: () => Fn): Fn => once(key, compile).bind(ctx?.functions);
  return {
    operator: (ctx, expr) => bound(ctx, `o${expr.code}`, () => base.operator(null, expr)),
    parameter: (ctx, expr) => bound(ctx, `p${expr.code}`, () => base.parameter(null, expr)),
    event: (ctx, expr) => bound(ctx, `e${expr.code}`, () => base.event(null, expr)),
    handler: (ctx, expr) => bound(ctx, `h${expr.code}`, () => base.handler(null, expr)),
    // The encoder's code is Vega's function of the mark type and each channel's name and code, in order.
    encode: (ctx, encode) =>
      bound(ctx, JSON.stringify([encode.marktype, Object.entries(encode.channels).map(([name, c]) => [name, c.code])]), () => base.encode(null, encode)),
    codegen: {
      get(path) {
        const get: Getter = once(JSON.stringify(path), () => base.codegen.get(path)) as Getter;
        const copy: Getter = get.bind(undefined);
        if (get.path !== undefined) copy.path = get.path;
        return copy;
      },
      // A comparator of fields that all have a path is code alone; of others it holds their accessors.
      comparator(fields, orders) {
        if (!fields.every((f) => typeof f.path === 'string')) return base.codegen.comparator(fields, orders);
        return once(JSON.stringify(['c', fields.map((f) => f.path), orders]), () => base.codegen.comparator(fields, orders)).bind(undefined);
      },
    },
    usePrecompiled(precompiled) {
      if (precompiled.vegaVersion !== vega.version) return false;
      for (const [key, fn] of precompiled.functions) if (!compiled.has(key)) compiled.set(key, fn);
      return true;
    },
    compiledSources: () => own.map((key) => {
      const fn = compiled.get(key) as Getter;
      return [key, fn.toString(), fn.path] as const;
    }),
  };
}

/** The compiler every still chart of this process shares (svg.ts). */
export const sharedCodegen: CachingCodegen = cachingCodegen();

/**
 * Gives the still charts of this process `precompiled`'s functions (a module `precompiledExpressionsModule`
 * wrote), when made for this Vega; else they are compiled as before. Says whether they were taken.
 */
export function usePrecompiledExpressions(precompiled: PrecompiledExpressions): boolean {
  return sharedCodegen.usePrecompiled(precompiled);
}

/** How `new Function` writes the functions Vega compiles: `function anonymous(<parameters>\n) {\n<body>\n}`. */
const DYNAMIC_FUNCTION = /^function anonymous\(([\w,$]*)\n\) \{\n([^]*)\n\}$/;

/**
 * An ES module whose default export (`PrecompiledExpressions`) holds, as code, every function `codegen`
 * (by default the still charts' of this process) compiled so far: each is Vega's own, written back from
 * its text, so it computes the same. For the command line's bundle (packages/cli scripts/chart-templates.mjs).
 */
export function precompiledExpressionsModule(codegen: CachingCodegen = sharedCodegen): string {
  const entries = codegen.compiledSources().map(([key, source, path]) => {
    const m = DYNAMIC_FUNCTION.exec(source);
    if (m === null) throw new Error(`precompiledExpressionsModule: not a function Vega compiled: ${source.slice(0, 80)}`);
    const fn = `function (${m[1]}) {\n${m[2]}\n}`;
    return `  [${JSON.stringify(key)}, ${path === undefined ? fn : `accessor(${fn}, ${JSON.stringify(path)})`}],`;
  });
  return [
    '// Generated by packages/cli scripts/chart-templates.mjs (@carecast/report precompiledExpressionsModule):',
    "// the functions Vega compiles for the shipped charts' expressions, by the key @carecast/report's",
    '// expression cache finds them by. Do not edit.',
    'const accessor = (fn, path) => Object.assign(fn, { path });',
    `export default { vegaVersion: ${JSON.stringify(vega.version)}, functions: new Map([`,
    ...entries,
    ']) };',
    '',
  ].join('\n');
}
