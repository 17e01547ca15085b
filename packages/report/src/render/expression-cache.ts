// Vega compiles every expression of a view (encoders, signal updates, parameters) with `new Function`,
// once per view: the ten charts of a report made 1,454 such functions from 239 distinct texts, the same
// axis, legend and title encoders in every chart. A View takes its expression compiler as the `expr`
// option (vega-runtime's context: operator, parameter, event, handler, encode, codegen); this one asks
// Vega's own (the one a runtime context takes when given none) once per distinct text and hands each
// view the function bound to that view's functions, as Vega's does.
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

/**
 * An expression compiler for `new vega.View(runtime, { expr })` that compiles each distinct expression,
 * field accessor and comparator once through Vega's own and gives every view its own bound copy: Vega
 * sets properties on the functions it is given (an accessor's field and name), so none is shared.
 */
export function cachingCodegen(base: ExpressionCodegen = vegaCodegen): ExpressionCodegen {
  const compiled = new Map<string, Fn>();
  const once = (key: string, compile: () => Fn): Fn => {
    let fn = compiled.get(key);
    if (fn === undefined) compiled.set(key, (fn = compile()));
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
  };
}

/** The compiler every still chart of this process shares (svg.ts). */
export const sharedCodegen: ExpressionCodegen = cachingCodegen();
