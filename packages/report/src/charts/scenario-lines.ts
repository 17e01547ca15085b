import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT, FULL_CHART_WIDTH } from '../config.js';
import type { ScenarioSeries } from '../scenarios.js';
import { scenarioScale } from '../scenarios.js';
import { dateTooltip, dateX, finish, hoverLayer, startMarker, widen, type Json } from './parts.js';

/** One point of a scenario's line: a value and, optionally, the range drawn around it. */
export interface ScenarioPoint {
  readonly date: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
}

/** What a chart with one line per scenario shows. */
export interface ScenarioLinesOptions {
  readonly runs: readonly ScenarioSeries[];
  /** Name of the hover selection (unique in the report). */
  readonly param: string;
  /** A scenario's points from its rows. */
  readonly points: (run: ScenarioSeries) => readonly ScenarioPoint[];
  readonly title: string;
  readonly subtitle: string;
  readonly yTitle: string;
  readonly valueTitle: string;
  readonly format: string;
  readonly start: string;
  readonly zero?: boolean;
  readonly axisFormat?: string;
  readonly height?: number;
}

/** One line per scenario (the baseline first, in grey), each with its own band when the points have a range, in one legend of scenario names. */
export function scenarioLinesSpec(o: ScenarioLinesOptions): TopLevelSpec | undefined {
  const values = o.runs.flatMap((run) => o.points(run).map((p) => ({ scenario: run.name, ...p })));
  if (values.length === 0) return undefined;
  const scale = scenarioScale(o.runs[0]?.name, o.runs.map((r) => r.name));
  const colour = { field: 'scenario', type: 'nominal', title: 'Scenario', scale, legend: { labelLimit: 420, orient: 'bottom', direction: 'vertical' } };
  const y: Json = { field: 'value', type: 'quantitative', title: o.yTitle, scale: { zero: o.zero ?? true }, ...(o.axisFormat ? { axis: { format: o.axisFormat } } : {}) };
  const banded = values.some((v) => v.low !== undefined);
  const data = { values };
  // One tooltip per month listing every scenario, wherever the pointer is.
  const keys: string[] = [];
  const fields: { field: string; title: string }[] = [];
  for (const run of o.runs) {
    for (const [part, words] of banded ? ([['value', 'mean'], ['low', '5th percentile'], ['high', '95th percentile']] as const) : ([['value', o.valueTitle]] as const)) {
      fields.push({ field: `s${keys.length}`, title: `${run.name}: ${words}` });
      keys.push(`${run.name}|${part}`);
    }
  }
  const items = values.flatMap((v) =>
    (['value', 'low', 'high'] as const).flatMap((part) => (v[part] === undefined ? [] : [{ date: v.date, key: `${v.scenario}|${part}`, value: v[part]! }])),
  );
  return finish({
    title: { text: o.title, subtitle: o.subtitle },
    width: FULL_CHART_WIDTH,
    height: o.height ?? CHART_HEIGHT,
    layer: [
      ...(banded ? [{ data, mark: { type: 'area', opacity: 0.12 }, encoding: { x: dateX(), y: { ...y, field: 'low' }, y2: { field: 'high' }, color: colour } }] : []),
      {
        data,
        mark: { type: 'line', strokeWidth: 2, point: { size: 14, filled: true } },
        encoding: {
          x: dateX(),
          y,
          color: colour,
          tooltip: [
            dateTooltip(),
            { field: 'scenario', type: 'nominal', title: 'Scenario' },
            { field: 'value', type: 'quantitative', title: o.valueTitle, format: o.format },
            ...(banded
              ? [
                  { field: 'low', type: 'quantitative', title: '5th percentile', format: o.format },
                  { field: 'high', type: 'quantitative', title: '95th percentile', format: o.format },
                ]
              : []),
          ],
        },
      },
      ...startMarker(o.start),
      hoverLayer(o.param, widen(items, keys), fields, o.format),
    ],
  });
}
