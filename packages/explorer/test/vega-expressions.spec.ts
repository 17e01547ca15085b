import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulate, type SimulationRun } from '@carecast/engine';
import { CHART_BUILDERS, type ReportData } from '@carecast/report/browser';
import { compileScenarioText, type CompiledScenarioFile } from '@carecast/scenario/browser';
import { parse, parseExpression, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resultsOf } from '../src/results.js';
import { comparisonRows } from '../src/run-summaries.js';
import { expressionClosures } from '../src/vega-expressions.js';

// The page's expressions compiled to closures against vega-interpreter, the reference the page used
// before: expression by expression, and the report's charts drawn by both (and updated with a second
// run's values, as the page does) down to the same SVG text.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (name: string): string => readFileSync(`${ROOT}scenarios/${name}`, 'utf8');

type Expr = typeof expressionClosures;
const functions = {
  scale: (name: string, v: number) => `${name}:${v * 2}`,
  pad: function (this: { tag?: string }, s: string) {
    return `[${s}|${this.tag ?? 'no tag'}]`;
  },
  tag: 'ignored',
};

/** `source` evaluated by `expr` as each kind of Vega expression. */
function evaluate(expr: Expr, source: string, params: Record<string, unknown>, datum: unknown, item: Record<string, unknown>) {
  const ast = parseExpression(source) as never;
  const ctx = { functions: Object.create(functions) as never };
  const encoded = { ...item };
  const modified = expr.encode(ctx, { marktype: 'rect', channels: { x: { ast }, x2: { ast: parseExpression('datum.b') as never } } })(encoded, params);
  const attempt = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (error) {
      return { error: error instanceof Error ? error.constructor.name : String(error) };
    }
  };
  return {
    operator: attempt(() => expr.operator(ctx, { ast })(params)),
    parameter: attempt(() => expr.parameter(ctx, { ast })(datum, params)),
    handler: attempt(() => expr.handler(ctx, { ast })(params, { vega: { x: (n: unknown) => `x of ${String(n)}` }, item: { datum } } as never)),
    encoded,
    modified,
  };
}

const EXPRESSIONS = [
  'datum.a + datum.b * 2 - 1 / 4 % 3',
  "datum['a'] > 1 && datum.b < 10 || !datum.c",
  'datum.a === 1 ? "one" : datum.a !== 2 ? "other" : "two"',
  "if(datum.a >= 1, 'yes', 'no')",
  '-datum.a + +datum.b + ~datum.b',
  'datum.a & 6 | 1 ^ 3 << 2 >> 1 >>> 0',
  'datum.a == "1" && datum.a != 2',
  'PI * E + SQRT2 - LN2 + MAX_VALUE * 0',
  'NaN',
  'isNaN(datum.missing) + isFinite(datum.a)',
  'max(datum.a, datum.b, 3) + min(1, 2) + clamp(datum.b, 0, 5) + pow(2, 3) + floor(2.7)',
  "upper('ab') + lower('CD') + trim('  e ') + substring('abcdef', 1, 3)",
  "join(['a', 'b'], '-') + indexof([1, 2, 3], 2) + slice([1, 2, 3], 1)",
  "split('a,b', ',') + replace('aXb', 'X', '-')",
  'sort([3, 1, 2]) + reverse([1, 2])',
  "test('^a', 'abc') + length('four')",
  'utcyear(datetime(2024, 5, 1)) + utcmonth(utc(2024, 5, 1))',
  "{a: datum.a, 'b': datum.b, c: [1, datum.a]}",
  '{constructor: 1, toString: 2, ok: 3}',
  '[datum.a, [datum.b, "x"]]',
  'scale("y", datum.a)',
  "pad('p')",
  "_pad('underscore')",
  'x(1)',
  'datum.a.constructor',
  'datum.nested.deep.value + datum["nested"]["deep"]["value"]',
  '/a+/g',
  '/a+/i',
  'myParam + 1',
  'missingFunction(1)',
];

describe('Vega expressions compiled to closures', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(EXPRESSIONS)('%s: what vega-interpreter gives, as operator, parameter, handler and encoder', (source) => {
    const params = { $myParam: 41 };
    const datum = { a: 1, b: 4, c: 0, nested: { deep: { value: 7 } } };
    const item = { datum, x: 0 };
    const errors: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    let reference: unknown;
    const referenceErrors = errors.length;
    try {
      reference = evaluate(expressionInterpreter as unknown as Expr, source, params, datum, { ...item });
    } catch (error) {
      reference = { threw: error instanceof Error ? error.constructor.name : String(error) };
    }
    const referenceLogged = errors.slice(referenceErrors);
    const mine = errors.length;
    let closures: unknown;
    try {
      closures = evaluate(expressionClosures, source, params, datum, { ...item });
    } catch (error) {
      closures = { threw: error instanceof Error ? error.constructor.name : String(error) };
    }
    expect(closures).toEqual(reference);
    // The same refusals logged (e.g. an object key that would reach Object.prototype).
    expect(errors.slice(mine)).toEqual(referenceLogged);
  });

  describe("the report's charts drawn by both", () => {
    let compared: { baseline: CompiledScenarioFile; edited: CompiledScenarioFile; runs: SimulationRun[][] } | undefined;
    const scenarios = async () => {
      if (compared) return compared;
      const readText = async (path: string) => read(path.slice(path.lastIndexOf('/') + 1));
      const baseline = await compileScenarioText('scenarios/baseline.yaml', read('baseline.yaml'), { cwd: '/', readText });
      const edited = await compileScenarioText('scenarios/early-help-25.yaml', read('early-help-25.yaml'), { cwd: '/', readText });
      const runs: SimulationRun[][] = [];
      for (const seed of [1, 2]) {
        runs.push([await simulate(baseline.params, { seed, replications: 4, workers: 1 }), await simulate(edited.params, { seed, replications: 4, workers: 1 })]);
      }
      compared = { baseline, edited, runs };
      return compared;
    };
    const reportOf = (baseline: CompiledScenarioFile, edited: CompiledScenarioFile, [baseRun, editedRun]: SimulationRun[]): ReportData => {
      const mc = { seed: 1, replications: 4, mode: 'monte-carlo' as const };
      const { baseRows, compare } = comparisonRows(editedRun!, baseRun!, edited.name);
      return { results: resultsOf(baseline, [...baseRows, ...compare], mc, [baseline, edited]), baseline: resultsOf(baseline, baseRows, mc), compare };
    };
    const svgOf = async (view: View): Promise<string> => {
      await view.runAsync();
      return view.toSVG();
    };

    it('every chart: the same SVG, drawn and then given a second run\'s values', async () => {
      const { baseline, edited, runs } = await scenarios();
      const first = reportOf(baseline, edited, runs[0]!);
      const second = reportOf(baseline, edited, runs[1]!);
      let charts = 0;
      for (const { name, build } of CHART_BUILDERS) {
        const spec = build(first) as TopLevelSpec | undefined;
        if (!spec) continue;
        charts++;
        const vega = compile(spec).spec;
        const views = [expressionInterpreter, expressionClosures].map((expr) => new View(parse(vega, undefined, { ast: true }), { renderer: 'none', expr: expr as never }));
        const [reference, closures] = await Promise.all(views.map(svgOf));
        expect(closures === reference, `${name}: the chart differs from vega-interpreter's`).toBe(true);
        // The page keeps each chart's view and gives it new values: the same again.
        const next = compile(build(second) as TopLevelSpec).spec;
        for (const view of views) for (const data of next.data ?? []) if ('values' in data && data.values !== undefined) view.data(data.name, data.values as object[]);
        const [reference2, closures2] = await Promise.all(views.map(svgOf));
        expect(reference2).not.toBe(reference);
        expect(closures2 === reference2, `${name}: the chart updated differs from vega-interpreter's`).toBe(true);
        for (const view of views) view.finalize();
      }
      expect(charts).toBeGreaterThanOrEqual(10);
    }, 120_000);
  });
});
