import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RunColumns, simulateInto, toResults, type SeriesRow } from '@carecast/engine';
import { CHART_BUILDERS, scenarioAssumptions, withResultsFields, type ReportData } from '@carecast/report/browser';
import { compileScenarioText, type CompiledScenarioFile } from '@carecast/scenario/browser';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { splitData, ticksInOrder, updateView, withoutAria } from '../src/chart-view.js';
import { lazyTooltipInterpreter } from '../src/lazy-tooltips.js';
import { comparisonRows } from '../src/run-summaries.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const text = readFileSync(`${ROOT}scenarios/baseline.yaml`, 'utf8');

/** A results document as the explorer's resultsOf makes it (which the root's NodeNext test check cannot import: it reads the CLI's package.json). */
function resultsOf(scenario: CompiledScenarioFile, rows: SeriesRow[], run: { seed: number; replications: number }, compared: readonly CompiledScenarioFile[]) {
  const meta = { scenarioName: scenario.name, source: scenario.source, seed: run.seed, replications: run.replications, start: scenario.params.start, end: scenario.params.end, version: '0.0.0', levers: scenario.leversInWords };
  return withResultsFields(toResults(meta, rows), { assumptions: compared.map((c) => scenarioAssumptions(c.name, c.params, c.leversInWords)) });
}

/** The report's data of a run compared with itself, as the explorer makes it (runReport in main.ts); labelled `replications` whatever was run, as the charts drawn ahead are. */
async function reportData(seed: number, run: number, replications: number): Promise<ReportData> {
  const scenario = await compileScenarioText('scenarios/baseline.yaml', text, { cwd: '/', readText: async () => text });
  const simulated = new RunColumns(run);
  await simulateInto(scenario.params, { seed, replications: run, workers: 1 }, simulated);
  const name = `${scenario.name} (edited)`;
  const mc = { seed, replications };
  const { baseRows, compare } = comparisonRows(simulated, simulated, name);
  return {
    results: resultsOf(scenario, [...baseRows, ...compare], mc, [scenario, { ...scenario, name }]),
    baseline: resultsOf(scenario, baseRows, mc, [scenario]),
    compare,
  };
}

/** A headless view of a spec, as the page builds it (vega-embed: Vega-Lite compiled, patched, parsed for the interpreter). */
async function viewOf(spec: TopLevelSpec, expr: typeof expressionInterpreter = expressionInterpreter): Promise<View> {
  const view = new View(parse(ticksInOrder(compile(spec).spec), undefined, { ast: true }), { renderer: 'none', expr });
  await view.runAsync();
  return view;
}

/** An SVG without its ARIA attributes (roles, labels, descriptions): what a canvas does not draw either. */
const withoutAriaAttributes = (svg: string): string => svg.replace(/ (aria-[a-z]+|role)="[^"]*"/g, '');

describe('a chart updated in place', () => {
  it.each([
    ['as SVG', (spec: TopLevelSpec) => spec],
    ['on a canvas (without ARIA attributes)', withoutAria],
  ])('draws the SVG of the same chart drawn anew %s, after runs with seeds 1, 2 and 3 on a view drawn ahead from 2 replications', async (_, forRenderer) => {
    // The page's order: the views drawn ahead from a 2-replication run, then three runs of 12 (labelled alike: the same shapes).
    const steps = [await reportData(1, 2, 12), await reportData(1, 12, 12), await reportData(2, 12, 12), await reportData(3, 12, 12)];
    const kept = new Map<string, { view: View; drawn: Map<string, string> }>();
    const differing: string[] = [];
    let updated = 0;
    for (const [step, data] of steps.entries()) {
      for (const { name, build } of CHART_BUILDERS) {
        const built = build(data);
        if (!built) continue;
        const { spec: named, datasets, shape } = splitData(built);
        const spec = forRenderer(named);
        const old = kept.get(`${name} ${shape}`);
        if (!old) {
          kept.set(`${name} ${shape}`, { view: await viewOf(spec), drawn: new Map(Object.entries(datasets).map(([k, v]) => [k, JSON.stringify(v)])) });
          continue;
        }
        if (await updateView(old.view, datasets, old.drawn)) updated++;
        const fresh = await viewOf(spec);
        if ((await old.view.toSVG()) !== (await fresh.toSVG())) differing.push(`${name} after step ${step}`);
        fresh.finalize();
      }
    }
    // Every chart kept its view across the runs and took new values.
    expect(updated).toBeGreaterThanOrEqual(3 * 10);
    expect(differing).toEqual([]);
  }, 120_000);

  it('draws without ARIA attributes what it draws with them, without a description per mark item', async () => {
    const data = await reportData(1, 12, 12);
    const differing: string[] = [];
    let described = 0;
    for (const { name, build } of CHART_BUILDERS) {
      const built = build(data);
      if (!built) continue;
      const { spec } = splitData(built);
      const [withAria, without] = [await viewOf(spec), await viewOf(withoutAria(spec))];
      const [svg, svgWithout] = [await withAria.toSVG(), await without.toSVG()];
      described += svg.match(/aria-label=/g)?.length ?? 0;
      // No mark item or axis is described any longer (only the titles keep their text), and the drawing is the same.
      const left = [...svgWithout.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);
      if (left.some((label) => !/^(Title|Subtitle) text /.test(label)) || withoutAriaAttributes(svg) !== withoutAriaAttributes(svgWithout)) differing.push(name);
      withAria.finalize();
      without.finalize();
    }
    expect(described).toBeGreaterThan(1000);
    expect(differing).toEqual([]);
  }, 60_000);

  it('takes only the datasets whose values changed, and does not run when none did', async () => {
    const data = await reportData(1, 2, 2);
    const { spec, datasets } = splitData(CHART_BUILDERS.find((b) => b.name === 'out-of-area-share')!.build(data)!);
    const view = await viewOf(spec);
    const drawn = new Map(Object.entries(datasets).map(([k, v]) => [k, JSON.stringify(v)]));
    const before = await view.toSVG();
    expect(await updateView(view, datasets, drawn)).toBe(false);
    const [first] = Object.keys(datasets);
    // Copies of the rows drawn, which carry the tuple ids Vega gave them: the view must take their new values.
    const halved = { ...datasets, [first!]: (datasets[first!] as { value: number }[]).map((d) => ({ ...d, value: d.value / 2 })) };
    expect(await updateView(view, halved, drawn)).toBe(true);
    expect(drawn.get(first!)).toBe(JSON.stringify(halved[first!]));
    expect(await view.toSVG()).not.toBe(before);
  });

  it('shows, with tooltips worked out when shown, the tooltips and the SVG that Vega computes on every redraw, after runs updated in place', async () => {
    const steps = [await reportData(1, 2, 12), await reportData(1, 12, 12), await reportData(2, 12, 12), await reportData(3, 12, 12)];
    const kept = new Map<string, { lazy: View; eager: View; drawn: Map<string, string>; drawnEager: Map<string, string> }>();
    const differing: string[] = [];
    let shown = 0;
    let drawnAnew = 0;
    let leftForLater = 0;
    let updatedLater = 0;
    for (const [step, data] of steps.entries()) {
      for (const { name, build } of CHART_BUILDERS) {
        const built = build(data);
        if (!built) continue;
        const { spec: named, datasets } = splitData(built);
        const spec = withoutAria(named);
        const old = kept.get(name);
        if (!old) {
          const drawn = () => new Map(Object.entries(datasets).map(([k, v]) => [k, JSON.stringify(v)]));
          const views = { lazy: await viewOf(spec, lazyTooltipInterpreter), eager: await viewOf(spec), drawn: drawn(), drawnEager: drawn() };
          kept.set(name, views);
          // Drawn anew, no tooltip is worked out until shown.
          const { values, later } = tooltipsOf(views.lazy);
          drawnAnew += values.length;
          leftForLater += later;
          if (JSON.stringify(values) !== JSON.stringify(tooltipsOf(views.eager).values)) differing.push(`${name} tooltips drawn anew`);
          continue;
        }
        // Updated in place (the items of datasets that changed encoded again), each shown: Vega's own.
        await updateView(old.lazy, datasets, old.drawn);
        await updateView(old.eager, datasets, old.drawnEager);
        const lazy = tooltipsOf(old.lazy);
        const eager = tooltipsOf(old.eager);
        leftForLater += lazy.later;
        updatedLater += lazy.later;
        shown += eager.values.length;
        if (JSON.stringify(lazy.values) !== JSON.stringify(eager.values) || eager.later > 0) differing.push(`${name} tooltips after step ${step}`);
        if ((await old.lazy.toSVG()) !== (await old.eager.toSVG())) differing.push(`${name} SVG after step ${step}`);
      }
    }
    expect(drawnAnew).toBeGreaterThan(1000);
    expect(leftForLater - updatedLater).toBe(drawnAnew);
    // Most items take new values at every step, their tooltips left for later again.
    expect(updatedLater).toBeGreaterThan(shown / 2);
    expect(differing).toEqual([]);
  }, 120_000);
});

/** The tooltip of every mark item of a view, in scenegraph order, worked out if left for later (and how many were). */
function tooltipsOf(view: View): { values: unknown[]; later: number } {
  const values: unknown[] = [];
  let later = 0;
  const visit = (node: { items?: unknown[]; tooltip?: unknown }): void => {
    if (node.tooltip !== undefined) {
      if (typeof node.tooltip === 'function') later++;
      values.push(typeof node.tooltip === 'function' ? (node.tooltip as (item: unknown) => unknown)(node) : node.tooltip);
    }
    for (const child of node.items ?? []) visit(child as { items?: unknown[]; tooltip?: unknown });
  };
  visit((view.scenegraph() as unknown as { root: { items?: unknown[] } }).root);
  return { values, later };
}
