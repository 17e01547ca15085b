import { CHART_BUILDERS, type ReportData } from '@carecast/report/browser';
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';

/** Charts drawn into one container, kept so the next draw can free them. */
const drawn = new WeakMap<HTMLElement, Result[]>();

/**
 * Draws the report's charts (the same Vega-Lite specs as report.html) for `data` into `container`,
 * replacing what it held; `only` restricts them to some chart names, in that order. Vega evaluates its
 * expressions with the interpreter, so the page's security policy needs no 'unsafe-eval'.
 * Resolves once every chart is drawn, with the names drawn.
 */
export async function drawCharts(container: HTMLElement, data: ReportData, only?: readonly string[]): Promise<string[]> {
  const builders = only
    ? only.flatMap((name) => CHART_BUILDERS.filter((b) => b.name === name))
    : CHART_BUILDERS;
  const charts = builders.flatMap(({ name, caption, build }) => {
    const spec = build(data);
    return spec ? [{ name, caption, spec: { description: caption, ...spec } as TopLevelSpec }] : [];
  });
  const figures = charts.map(({ name, caption }) => {
    const figure = document.createElement('figure');
    figure.className = 'chart';
    figure.dataset['chart'] = name;
    const target = document.createElement('div');
    const text = document.createElement('figcaption');
    text.textContent = caption;
    figure.append(target, text);
    return { figure, target };
  });
  const results = await Promise.all(
    charts.map(({ spec }, i) =>
      embed(figures[i]!.target, spec, { renderer: 'svg', actions: false, ast: true, expr: expressionInterpreter }),
    ),
  );
  for (const old of drawn.get(container) ?? []) old.finalize();
  drawn.set(container, results);
  container.replaceChildren(...figures.map((f) => f.figure));
  for (const f of figures) f.figure.dataset['drawn'] = 'true';
  return charts.map((c) => c.name);
}
