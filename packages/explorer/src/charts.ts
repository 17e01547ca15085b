import { CHART_BUILDERS, type ReportData } from '@carecast/report/browser';
import embed, { type Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import { freshValues, splitData, ticksInOrder, updateView, withoutAria } from './chart-view.js';
import { LazyTooltipView, lazyTooltipInterpreter } from './lazy-tooltips.js';

/** A chart on the page: its view, the spec it was drawn from without its data (to tell a data change), and its figure. */
interface DrawnChart {
  name: string;
  shape: string;
  /** The values of each named dataset as drawn (JSON text), to tell which ones changed. */
  values: Map<string, string>;
  result: Result;
  figure: HTMLElement;
  /** The view's last update (a later one waits for it: one update of a view at a time). */
  updating?: Promise<unknown>;
}

/** Gives a kept chart new values once its previous update has ended; resolves once drawn. */
function update(chart: DrawnChart, datasets: Record<string, unknown[]>): Promise<unknown> {
  const after = (chart.updating ?? Promise.resolve()).catch(() => undefined).then(() => updateView(chart.result.view, datasets, chart.values));
  chart.updating = after;
  return after;
}

/** Marks a figure as showing the values of the last draw (and counts its draws, for the tests). */
function markDrawn(figure: HTMLElement): void {
  figure.dataset['drawn'] = 'true';
  figure.dataset['draws'] = String(Number(figure.dataset['draws'] ?? 0) + 1);
}

/** Each container's draws, counted: charts left to draw later stop when a newer draw has started. */
const generations = new WeakMap<HTMLElement, number>();

/** Each container's charts left to draw after the draw that returned (resolves once they are drawn or a newer draw took over). */
const deferredDraws = new WeakMap<HTMLElement, Promise<void>>();

/** Resolves once every chart of `container`'s last draw is drawn, those left for later included. */
export const chartsSettled = (container: HTMLElement): Promise<void> => deferredDraws.get(container) ?? Promise.resolve();

/**
 * Whether `el` is on screen or within half a screen of it (a figure not yet on the page: whether its
 * container is). A chart further away is not seen before the page has had time to draw it.
 */
function nearView(el: HTMLElement): boolean {
  const rect = el.getBoundingClientRect();
  const margin = window.innerHeight / 2;
  return rect.bottom > -margin && rect.top < window.innerHeight + margin;
}

/** Charts drawn into each container, kept so the next draw can update or free them. */
const drawn = new WeakMap<HTMLElement, DrawnChart[]>();

/** Containers whose charts are being drawn ahead, with the charts built so far (as in `drawn`). */
const drawingAhead = new WeakMap<HTMLElement, DrawnChart[]>();

/** The report's charts for `data` (`only` some, in that order): name, caption, spec with named datasets, and its shape. */
function chartSpecs(data: ReportData, only?: readonly string[]) {
  const builders = only ? only.flatMap((name) => CHART_BUILDERS.filter((b) => b.name === name)) : CHART_BUILDERS;
  return builders.flatMap(({ name, caption, build }) => {
    const spec = build(data);
    return spec ? [{ name, caption, ...splitData({ description: caption, ...spec } as TopLevelSpec) }] : [];
  });
}

/**
 * How a container's charts are drawn: as SVG, unless the container asks for a canvas
 * (`data-renderer="canvas"`: the preview's two charts and the results' 13, where building and laying out
 * the SVG elements of every mark after each change or run cost more than painting them; the downloaded
 * report.html keeps SVG).
 */
const rendererOf = (container: HTMLElement): 'svg' | 'canvas' => (container.dataset['renderer'] === 'canvas' ? 'canvas' : 'svg');

/**
 * The spec as drawn with `renderer`: on a canvas without Vega-Lite's ARIA attributes (`config.aria`
 * false). Those are SVG attributes (a description per mark item, roles of guides) that a canvas does not
 * carry, so they would be computed for nothing: one description string per item, with its number and
 * date formats, on every redraw. The drawing is the same (`withoutAria` in chart-view.ts; its test).
 */
const forRenderer = (spec: TopLevelSpec, renderer: 'svg' | 'canvas'): TopLevelSpec => (renderer === 'canvas' ? withoutAria(spec) : spec);

/** A chart drawn anew (compiled, parsed, rendered) into a figure of its own, not yet on the page. */
async function drawAnew(name: string, caption: string, spec: TopLevelSpec, datasets: Record<string, unknown[]>, shape: string, renderer: 'svg' | 'canvas'): Promise<DrawnChart> {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.dataset['chart'] = name;
  const target = document.createElement('div');
  const text = document.createElement('figcaption');
  text.textContent = caption;
  figure.append(target, text);
  const values = new Map(Object.entries(datasets).map(([set, rows]) => [set, JSON.stringify(rows)]));
  // Vega takes copies (see freshValues): the report's rows are never stamped with its tuple ids.
  const copies = Object.fromEntries([...values].map(([set, json]) => [set, freshValues(json)]));
  const result = await embed(target, forRenderer({ ...spec, datasets: copies } as TopLevelSpec, renderer), { renderer, actions: false, ast: true, expr: lazyTooltipInterpreter, viewClass: LazyTooltipView, patch: ticksInOrder });
  return { name, shape, values, result, figure };
}

/** Whether `container` has charts (drawn, or being drawn ahead), whose views later draws keep. */
export const hasCharts = (container: HTMLElement): boolean => drawn.has(container);

/**
 * Draws the charts `container` will show, off the page, for data shaped as the coming ones (the same
 * scenarios, replications and series; any values), one chart at a time, letting the page's events in
 * between: the next drawCharts(container, ...) then finds each view built and only gives it its values,
 * so the first run after the page opens does not compile and draw every chart anew. Does nothing once
 * `container` has charts (their views are kept between draws already).
 */
export async function drawChartsAhead(container: HTMLElement, data: ReportData): Promise<void> {
  if (drawn.has(container)) return;
  const ahead: DrawnChart[] = [];
  drawn.set(container, ahead);
  drawingAhead.set(container, ahead);
  for (const { name, caption, spec, datasets, shape } of chartSpecs(data)) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    // A draw on the page has taken the container meanwhile: it uses what is built, the rest it draws itself.
    if (drawingAhead.get(container) !== ahead) return;
    const chart = await drawAnew(name, caption, spec, datasets, shape, rendererOf(container));
    if (drawingAhead.get(container) !== ahead) {
      chart.result.finalize();
      return;
    }
    ahead.push(chart);
  }
  drawingAhead.delete(container);
}

/**
 * Draws the report's charts (the same Vega-Lite specs as report.html) for `data` into `container`;
 * `only` restricts them to some chart names, in that order. A chart already there (or drawn ahead,
 * drawChartsAhead) whose spec differs only in its data keeps its view and takes the new values of the
 * datasets that changed (no compile, no new SVG tree; a chart whose values are all unchanged is left as
 * it is), which is what keeps the preview and later runs quick; any other chart is drawn anew. Vega
 * evaluates its expressions with the interpreter, so the page's security policy needs no
 * 'unsafe-eval'. Resolves once every chart is drawn.
 */
export async function drawCharts(container: HTMLElement, data: ReportData, only?: readonly string[], options: { laterOutOfView?: boolean } = {}): Promise<string[]> {
  const charts = chartSpecs(data, only);
  const before = drawn.get(container) ?? [];
  const generation = (generations.get(container) ?? 0) + 1;
  generations.set(container, generation);
  // Charts being drawn ahead stop there; those already built are used.
  drawingAhead.delete(container);
  const kept = new Set<DrawnChart>();
  /** Kept charts far from the screen, with their new values: drawn after this draw returns. */
  const later: { chart: DrawnChart; datasets: Record<string, unknown[]> }[] = [];
  // A kept chart's figure on the page tells where it is; one not on the page yet goes where its container is.
  const inView = (chart: DrawnChart): boolean => !options.laterOutOfView || nearView(chart.figure.isConnected ? chart.figure : container);
  const now = await Promise.all(
    charts.map(async ({ name, caption, spec, datasets, shape }): Promise<DrawnChart> => {
      const old = before.find((d) => d.name === name && d.shape === shape && !kept.has(d));
      if (old) {
        kept.add(old);
        if (!inView(old)) {
          later.push({ chart: old, datasets });
          return old;
        }
        // Only the datasets whose values changed (the baseline's stay while a lever moves), laid out again.
        await update(old, datasets);
        return old;
      }
      return drawAnew(name, caption, spec, datasets, shape, rendererOf(container));
    }),
  );
  for (const old of before) if (!kept.has(old)) old.result.finalize();
  drawn.set(container, now);
  // Figures that stay keep their place in the page (no reflow of an unchanged chart).
  const figures = now.map((d) => d.figure);
  if (figures.length !== container.children.length || figures.some((f, i) => container.children[i] !== f)) container.replaceChildren(...figures);
  const waiting = new Set(later.map((l) => l.chart));
  for (const d of now) {
    if (waiting.has(d)) d.figure.dataset['drawn'] = 'false';
    else markDrawn(d.figure);
  }
  deferredDraws.set(container, drawLater(container, generation, later));
  return charts.map((c) => c.name);
}

/**
 * The charts a draw left for later (out of view when it ran), after one task, so the page shows the
 * run's end first; all at once, as a draw updates its charts in view (one chart per task was tried: every
 * chart drawn in 2.6 and 1.8 s after the summaries against 1.3 and 1.4 s all at once before session 15, two benches each at load 13-22, for about the same page CPU). Stops when
 * a newer draw of the container has started (it gives them their values itself).
 */
async function drawLater(container: HTMLElement, generation: number, later: readonly { chart: DrawnChart; datasets: Record<string, unknown[]> }[]): Promise<void> {
  if (later.length === 0) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (generations.get(container) !== generation) return;
  await Promise.all(later.map(({ chart, datasets }) => update(chart, datasets)));
  if (generations.get(container) !== generation) return;
  for (const { chart } of later) markDrawn(chart.figure);
}
