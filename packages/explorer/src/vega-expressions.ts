// Vega's expressions without `eval`: the page's security policy forbids 'unsafe-eval', so Vega cannot
// turn its expressions into JavaScript functions. vega-interpreter walks each expression's syntax tree
// on every call instead, and each call builds a fresh scope with six new closures: for a results chart
// that is every property of every mark item on every redraw. This module gives Vega the same interface
// (its `expr` option) with the same semantics as vega-interpreter 2.3.2, function for function, but
// turns each tree into nested closures once, when the chart is parsed; a call then only runs them.
// test/vega-expressions.spec.ts checks it against vega-interpreter, expression by expression and on
// the report's charts drawn by both.
import { ascending, DisallowedObjectProperties, isString } from 'vega';

/** A node of a Vega expression's syntax tree (vega-expression's parser). */
interface Node {
  type: string;
  name?: string;
  value?: unknown;
  regex?: { pattern: string; flags: string };
  computed?: boolean;
  object?: Node;
  property?: Node;
  callee?: Node;
  arguments?: Node[];
  elements?: Node[];
  operator?: string;
  left?: Node;
  right?: Node;
  argument?: Node;
  test?: Node;
  consequent?: Node;
  alternate?: Node;
  properties?: { key: Node; value: Node }[];
}

/** Vega's expression functions (the parsing context's `functions`). */
type Functions = Record<string, ((...args: unknown[]) => unknown) | undefined>;

/** What an expression reads when it runs: the operator's parameters, the datum, the event and the scene item. */
type Evaluate = (params: Record<string, unknown> | undefined, datum: unknown, event: EventLike | undefined, item: unknown) => unknown;

interface EventLike {
  vega: Record<string, (...args: unknown[]) => unknown>;
  item?: { datum?: unknown };
}

const CONSTANTS: Record<string, number> = {
  NaN: NaN,
  E: Math.E,
  LN2: Math.LN2,
  LN10: Math.LN10,
  LOG2E: Math.LOG2E,
  LOG10E: Math.LOG10E,
  PI: Math.PI,
  SQRT1_2: Math.SQRT1_2,
  SQRT2: Math.SQRT2,
  MIN_VALUE: Number.MIN_VALUE,
  MAX_VALUE: Number.MAX_VALUE,
};

/* eslint-disable eqeqeq -- Vega's operators, as the language defines them */
// Operands typed as numbers for the compiler only: at run time they are whatever the expression gives (strings join with +).
const BINARY: Record<string, (a: number, b: number) => unknown> = {
  '*': (a, b) => a * b,
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a == b,
  '!=': (a, b) => a != b,
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '&': (a, b) => a & b,
  '|': (a, b) => a | b,
  '^': (a, b) => a ^ b,
  '<<': (a, b) => a << b,
  '>>': (a, b) => a >> b,
  '>>>': (a, b) => a >>> b,
};
/* eslint-enable eqeqeq */

const UNARY: Record<string, (a: number) => unknown> = {
  '+': (a) => +a,
  '-': (a) => -a,
  '~': (a) => ~a,
  '!': (a) => !a,
};

const callMethod = (method: string, args: ArrayLike<unknown>, cast?: (x: unknown) => unknown): unknown => {
  const obj = (cast ? cast(args[0]) : args[0]) as Record<string, (...a: unknown[]) => unknown>;
  return obj[method]!.apply(obj, Array.prototype.slice.call(args, 1));
};

const datetime = (yearOrTimestring: string | number, m = 0, d = 1, H = 0, M = 0, S = 0, ms = 0): Date =>
  isString(yearOrTimestring) ? new Date(yearOrTimestring) : new Date(yearOrTimestring, m, d, H, M, S, ms);

type DateLike = string | number | Date;

/** vega-interpreter's own functions, used when the context has none of the name. */
const FUNCTIONS: Record<string, (...args: never[]) => unknown> = {
  isNaN: Number.isNaN,
  isFinite: Number.isFinite,
  abs: Math.abs,
  acos: Math.acos,
  asin: Math.asin,
  atan: Math.atan,
  atan2: Math.atan2,
  ceil: Math.ceil,
  cos: Math.cos,
  exp: Math.exp,
  floor: Math.floor,
  hypot: Math.hypot,
  log: Math.log,
  max: Math.max,
  min: Math.min,
  pow: Math.pow,
  random: Math.random,
  round: Math.round,
  sin: Math.sin,
  sqrt: Math.sqrt,
  tan: Math.tan,
  clamp: (a: number, b: number, c: number) => Math.max(b, Math.min(c, a)),
  now: Date.now,
  utc: Date.UTC,
  datetime,
  date: (d: DateLike) => new Date(d).getDate(),
  day: (d: DateLike) => new Date(d).getDay(),
  year: (d: DateLike) => new Date(d).getFullYear(),
  month: (d: DateLike) => new Date(d).getMonth(),
  hours: (d: DateLike) => new Date(d).getHours(),
  minutes: (d: DateLike) => new Date(d).getMinutes(),
  seconds: (d: DateLike) => new Date(d).getSeconds(),
  milliseconds: (d: DateLike) => new Date(d).getMilliseconds(),
  time: (d: DateLike) => new Date(d).getTime(),
  timezoneoffset: (d: DateLike) => new Date(d).getTimezoneOffset(),
  utcdate: (d: DateLike) => new Date(d).getUTCDate(),
  utcday: (d: DateLike) => new Date(d).getUTCDay(),
  utcyear: (d: DateLike) => new Date(d).getUTCFullYear(),
  utcmonth: (d: DateLike) => new Date(d).getUTCMonth(),
  utchours: (d: DateLike) => new Date(d).getUTCHours(),
  utcminutes: (d: DateLike) => new Date(d).getUTCMinutes(),
  utcseconds: (d: DateLike) => new Date(d).getUTCSeconds(),
  utcmilliseconds: (d: DateLike) => new Date(d).getUTCMilliseconds(),
  length: (x: { length: number }) => x.length,
  join: function (...args: unknown[]) {
    return callMethod('join', args);
  },
  indexof: function (...args: unknown[]) {
    return callMethod('indexOf', args);
  },
  lastindexof: function (...args: unknown[]) {
    return callMethod('lastIndexOf', args);
  },
  slice: function (...args: unknown[]) {
    return callMethod('slice', args);
  },
  reverse: (x: unknown[]) => x.slice().reverse(),
  sort: (x: Parameters<typeof ascending>[0][]) => x.slice().sort(ascending),
  parseFloat,
  parseInt,
  upper: (x: unknown) => String(x).toUpperCase(),
  lower: (x: unknown) => String(x).toLowerCase(),
  substring: function (...args: unknown[]) {
    return callMethod('substring', args, String);
  },
  split: function (...args: unknown[]) {
    return callMethod('split', args, String);
  },
  replace: function (...args: unknown[]) {
    return callMethod('replace', args, String);
  },
  trim: (x: unknown) => String(x).trim(),
  btoa: (x: string) => btoa(x),
  atob: (x: string) => atob(x),
  encodeURIComponent: (x: string) => encodeURIComponent(x),
  regexp: RegExp,
  test: (r: string, t: string) => RegExp(r).test(t),
};

/** Functions that go to the event's Vega context (vega-interpreter routes them so in every expression). */
const EVENT_FUNCTIONS = new Set(['view', 'item', 'group', 'xy', 'x', 'y']);

/** Values an expression must not reach (vega-interpreter's list: they could run arbitrary code). */
const DISALLOWED = new Set<unknown>([Function, eval, setTimeout, setInterval]);
if (typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function') DISALLOWED.add((globalThis as { setImmediate?: unknown }).setImmediate);

/**
 * The closure that evaluates `n`. `depth` > 0 inside a member's name or an object's key, where an
 * identifier stands for its own name (as vega-interpreter's memberDepth); `fn` is the context's functions.
 */
function compile(n: Node, fn: Functions, depth: number): Evaluate {
  switch (n.type) {
    case 'Literal': {
      const { regex, value } = n;
      if (regex && value && ((value as RegExp).global || (value as RegExp).sticky)) return () => new RegExp(regex.pattern, regex.flags);
      return () => value;
    }
    case 'Identifier': {
      const id = n.name!;
      if (depth > 0) return () => id;
      if (id === 'datum') return (_p, datum) => datum;
      if (id === 'event') return (_p, _d, event) => event;
      if (id === 'item') return (_p, _d, _e, item) => item;
      const constant = CONSTANTS[id];
      // `||` as vega-interpreter has it: a falsy constant (NaN) falls through to the parameters.
      if (constant) return () => constant;
      const key = `$${id}`;
      return (params) => params![key];
    }
    case 'MemberExpression': {
      const object = compile(n.object!, fn, depth);
      const property = compile(n.property!, fn, n.computed ? depth : depth + 1);
      return (p, d, e, i) => {
        const o = object(p, d, e, i) as Record<string, unknown>;
        const name = property(p, d, e, i) as string;
        const v = o[name];
        if (DISALLOWED.has(v)) {
          console.error(`Prevented interpretation of member "${name}" which could lead to insecure code execution`);
          return undefined;
        }
        return v;
      };
    }
    case 'CallExpression': {
      let name = n.callee!.name!;
      if (name.startsWith('_')) name = name.slice(1);
      const args = n.arguments!.map((a) => compile(a, fn, depth));
      if (name === 'if') {
        const [test, yes, no] = args;
        return (p, d, e, i) => (test!(p, d, e, i) ? yes!(p, d, e, i) : no!(p, d, e, i));
      }
      if (EVENT_FUNCTIONS.has(name)) return (p, d, e, i) => e!.vega[name]!(...args.map((a) => a(p, d, e, i)));
      // `this` of a function call is the context's functions (vega-interpreter's child of them).
      const self = Object.create(fn) as Functions;
      return (p, d, e, i) => {
        const f = (fn[name] || FUNCTIONS[name]) as (...a: unknown[]) => unknown;
        const values = new Array<unknown>(args.length);
        for (let k = 0; k < args.length; k++) values[k] = args[k]!(p, d, e, i);
        return f.apply(self, values);
      };
    }
    case 'ArrayExpression': {
      const elements = n.elements!.map((el) => compile(el, fn, depth));
      return (p, d, e, i) => elements.map((el) => el(p, d, e, i));
    }
    case 'BinaryExpression': {
      const op = BINARY[n.operator!]!;
      const left = compile(n.left!, fn, depth);
      const right = compile(n.right!, fn, depth);
      return (p, d, e, i) => op(left(p, d, e, i) as number, right(p, d, e, i) as number);
    }
    case 'UnaryExpression': {
      const op = UNARY[n.operator!]!;
      const argument = compile(n.argument!, fn, depth);
      return (p, d, e, i) => op(argument(p, d, e, i) as number);
    }
    case 'ConditionalExpression': {
      const test = compile(n.test!, fn, depth);
      const yes = compile(n.consequent!, fn, depth);
      const no = compile(n.alternate!, fn, depth);
      return (p, d, e, i) => (test(p, d, e, i) ? yes(p, d, e, i) : no(p, d, e, i));
    }
    case 'LogicalExpression': {
      const left = compile(n.left!, fn, depth);
      const right = compile(n.right!, fn, depth);
      return n.operator === '&&' ? (p, d, e, i) => left(p, d, e, i) && right(p, d, e, i) : (p, d, e, i) => left(p, d, e, i) || right(p, d, e, i);
    }
    case 'ObjectExpression': {
      const properties = n.properties!.map((prop) => ({ key: compile(prop.key, fn, depth + 1), value: compile(prop.value, fn, depth) }));
      return (p, d, e, i) => {
        const o: Record<string, unknown> = {};
        for (const prop of properties) {
          const k = prop.key(p, d, e, i) as string;
          const v = prop.value(p, d, e, i);
          if (DisallowedObjectProperties.has(k)) console.error(`Prevented interpretation of property "${k}" which could lead to insecure code execution`);
          else if (DISALLOWED.has(v)) console.error(`Prevented interpretation of method "${k}" which could lead to insecure code execution`);
          else o[k] = v;
        }
        return o;
      };
    }
    default:
      // vega-interpreter fails when such a node is evaluated, not when it is parsed.
      return () => {
        throw new TypeError(`Vega expression: unsupported node type ${n.type}`);
      };
  }
}

/** vega-interpreter's adjustment of an item's spatial properties after encoding. */
function adjustSpatial(item: Record<string, number>, encode: Record<string, unknown>, swap: boolean): void {
  let t: number;
  if (encode['x2']) {
    if (encode['x']) {
      if (swap && item['x']! > item['x2']!) {
        t = item['x']!;
        item['x'] = item['x2']!;
        item['x2'] = t;
      }
      item['width'] = item['x2']! - item['x']!;
    } else {
      item['x'] = item['x2']! - (item['width'] || 0);
    }
  }
  if (encode['xc']) item['x'] = item['xc']! - (item['width'] || 0) / 2;
  if (encode['y2']) {
    if (encode['y']) {
      if (swap && item['y']! > item['y2']!) {
        t = item['y']!;
        item['y'] = item['y2']!;
        item['y2'] = t;
      }
      item['height'] = item['y2']! - item['y']!;
    } else {
      item['y'] = item['y2']! - (item['height'] || 0);
    }
  }
  if (encode['yc']) item['y'] = item['yc']! - (item['height'] || 0) / 2;
}

interface Context {
  functions: Functions;
}

/** Vega's `expr` option (the interface of vega-interpreter's `expressionInterpreter`), compiled to closures. */
export const expressionClosures = {
  /** An expression that updates an operator's value. */
  operator(ctx: Context, expr: { ast: Node }) {
    const run = compile(expr.ast, ctx.functions, 0);
    return (params: Record<string, unknown>) => run(params, undefined, undefined, undefined);
  },
  /** An expression given as an operator's parameter. */
  parameter(ctx: Context, expr: { ast: Node }) {
    const run = compile(expr.ast, ctx.functions, 0);
    return (datum: unknown, params: Record<string, unknown>) => run(params, datum, undefined, undefined);
  },
  /** An expression applied to an event stream. */
  event(ctx: Context, expr: { ast: Node }) {
    const run = compile(expr.ast, ctx.functions, 0);
    return (event: EventLike) => run(undefined, undefined, event, undefined);
  },
  /** An expression that handles an event-driven operator update. */
  handler(ctx: Context, expr: { ast: Node }) {
    const run = compile(expr.ast, ctx.functions, 0);
    return (params: Record<string, unknown>, event: EventLike) => run(params, event.item && event.item.datum, event, undefined);
  },
  /** A mark's encoding: each channel's value set on the item; 1 when any changed. */
  encode(ctx: Context, encode: { marktype: string; channels: Record<string, { ast: Node }> }) {
    const { marktype, channels } = encode;
    const swap = marktype === 'group' || marktype === 'image' || marktype === 'rect';
    const compiled = Object.entries(channels).map(([name, channel]) => [name, compile(channel.ast, ctx.functions, 0)] as const);
    return (item: Record<string, unknown>, params: Record<string, unknown>) => {
      const datum = item['datum'];
      let modified = 0;
      for (const [name, run] of compiled) {
        const v = run(params, datum, undefined, item);
        if (item[name] !== v) {
          item[name] = v;
          modified = 1;
        }
      }
      if (marktype !== 'rule') adjustSpatial(item as Record<string, number>, channels, swap);
      return modified;
    };
  },
};
