// Response charts of `carecast sweep` and `carecast seek`: a measure against a lever setting's value,
// with the range of outcomes, the precision of the mean and the target line; a heat map for two levers.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_HEIGHT } from '../config.js';
import { TOTAL_COLOUR } from '../palette.js';
import { finish, VEGA_LITE_SCHEMA, type Json } from './parts.js';

/** Plot width of the sweep and seek charts (their own page, charts inline as SVG). */
const RESPONSE_WIDTH = 640;

/** One measure at one value (or pair of values) of the swept settings (the shape of `@carecast/scenario`'s SweepRow). */
export interface ResponsePoint {
  readonly values: readonly number[];
  readonly measure: string;
  readonly mean: number;
  readonly p05: number;
  readonly p95: number;
  readonly ci95_low: number;
  readonly ci95_high: number;
}

/** A swept setting: its lever, setting and unit (`per year`, `%`, `beds`...). */
export interface ResponseAxis {
  readonly lever: string;
  readonly setting: string;
  readonly unit: string;
}

/** A target drawn on a response chart: its value in the measure's unit and the words for it. */
export interface ResponseTarget {
  readonly value: number;
  readonly text: string;
}

const TARGET_COLOUR = '#D55E00';
const ANSWER_COLOUR = '#009E73';

/** Axis title of a setting: `Recruitment campaign: extraHouseholdsPerYear (per year)`. */
export function settingTitle(axis: ResponseAxis): string {
  return `${axis.lever}: ${axis.setting} (${axis.unit})`;
}

/** Axis title and number format of a measure from its unit. */
function measureAxis(measure: string, unit: string): { title: string; format: string } {
  if (unit === 'share') return { title: `${measure} (share)`, format: '.1%' };
  if (unit === 'GBP') return { title: `${measure} (GBP)`, format: ',.0f' };
  return { title: `${measure} (${unit})`, format: ',.1f' };
}

/**
 * A measure against one setting's value: the mean (line and points), the 5-95% range of outcomes over
 * replications (band), the 95% interval of the mean (error bars), the target as a horizontal line and
 * the answer of a seek as a vertical one. Undefined when no point is of the measure.
 */
export function responseCurveSpec(input: {
  readonly points: readonly ResponsePoint[];
  readonly axis: ResponseAxis;
  readonly measure: string;
  readonly unit: string;
  readonly date: string;
  /** Replications per value, or words for them (`200 to 800`). */
  readonly replications: number | string;
  readonly target?: ResponseTarget | undefined;
  readonly answer?: number | undefined;
  readonly title?: string;
}): TopLevelSpec | undefined {
  const rows = input.points.filter((p) => p.measure === input.measure).map((p) => ({ value: p.values[0]!, mean: p.mean, p05: p.p05, p95: p.p95, lo: p.ci95_low, hi: p.ci95_high }));
  if (rows.length === 0) return undefined;
  const y = measureAxis(input.measure, input.unit);
  const x = { field: 'value', type: 'quantitative', title: settingTitle(input.axis), scale: { zero: false } };
  const yEnc = (field: string): Json => ({ field, type: 'quantitative', title: y.title, axis: { format: y.format }, scale: { zero: false } });
  const layer: Json[] = [
    { data: { values: rows }, mark: { type: 'area', opacity: 0.18, color: TOTAL_COLOUR }, encoding: { x, y: yEnc('p05'), y2: { field: 'p95' } } },
    { data: { values: rows }, mark: { type: 'rule', color: TOTAL_COLOUR }, encoding: { x, y: yEnc('lo'), y2: { field: 'hi' } } },
    {
      data: { values: rows },
      mark: { type: 'line', point: { filled: true, size: 40 }, color: TOTAL_COLOUR, strokeWidth: 2 },
      encoding: {
        x,
        y: yEnc('mean'),
        tooltip: [
          { field: 'value', type: 'quantitative', title: input.axis.setting },
          { field: 'mean', type: 'quantitative', title: 'mean', format: y.format },
          { field: 'lo', type: 'quantitative', title: '95% interval of the mean from', format: y.format },
          { field: 'hi', type: 'quantitative', title: 'to', format: y.format },
          { field: 'p05', type: 'quantitative', title: '5th percentile', format: y.format },
          { field: 'p95', type: 'quantitative', title: '95th percentile', format: y.format },
        ],
      },
    },
  ];
  if (input.target !== undefined) {
    const data = { values: [{ y: input.target.value, label: `Target: ${input.target.text}` }] };
    layer.push(
      { data, mark: { type: 'rule', color: TARGET_COLOUR, strokeDash: [6, 3], strokeWidth: 2 }, encoding: { y: { field: 'y', type: 'quantitative' } } },
      { data, mark: { type: 'text', align: 'left', baseline: 'bottom', x: 4, dy: -3, color: TARGET_COLOUR, fontSize: 11 }, encoding: { y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } },
    );
  }
  if (input.answer !== undefined) {
    const data = { values: [{ value: input.answer, label: `Answer: ${input.answer}` }] };
    layer.push(
      { data, mark: { type: 'rule', color: ANSWER_COLOUR, strokeWidth: 2 }, encoding: { x: { field: 'value', type: 'quantitative' } } },
      { data, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 4, color: ANSWER_COLOUR, fontSize: 11 }, encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'label' } } },
    );
  }
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: input.title ?? `${input.measure} on ${input.date} against ${input.axis.setting}`,
      subtitle: [`Line: mean of ${input.replications} replications on common random numbers; bars: its 95% interval; band: 5th to 95th percentile of outcomes.`],
    },
    width: RESPONSE_WIDTH,
    height: CHART_HEIGHT,
    layer,
  });
}

/** Two settings on a grid: the mean of a measure in each cell (colour and number; ✓ where it meets the target). Undefined when no point is of the measure. */
export function responseHeatmapSpec(input: {
  readonly points: readonly ResponsePoint[];
  readonly axes: readonly [ResponseAxis, ResponseAxis];
  readonly measure: string;
  readonly unit: string;
  readonly date: string;
  readonly replications: number;
  readonly target?: ResponseTarget | undefined;
  readonly meetsTarget?: (mean: number) => boolean;
  readonly title?: string;
}): TopLevelSpec | undefined {
  const y = measureAxis(input.measure, input.unit);
  const rows = input.points
    .filter((p) => p.measure === input.measure)
    .map((p) => ({ a: p.values[0]!, b: p.values[1]!, mean: p.mean, met: input.meetsTarget?.(p.mean) === true ? ' ✓' : '' }));
  if (rows.length === 0) return undefined;
  // Numbers are white on the darker (lower) half of the viridis scale, black on the lighter half.
  const means = rows.map((r) => r.mean);
  const middle = (Math.min(...means) + Math.max(...means)) / 2;
  const x = { field: 'a', type: 'ordinal', title: settingTitle(input.axes[0]), sort: 'ascending' };
  const yy = { field: 'b', type: 'ordinal', title: settingTitle(input.axes[1]), sort: 'descending' };
  const layer: Json[] = [
    {
      mark: { type: 'rect' },
      encoding: {
        x,
        y: yy,
        color: { field: 'mean', type: 'quantitative', title: y.title, scale: { scheme: 'viridis' }, legend: { format: y.format } },
        tooltip: [
          { field: 'a', title: input.axes[0].setting },
          { field: 'b', title: input.axes[1].setting },
          { field: 'mean', type: 'quantitative', title: 'mean', format: y.format },
        ],
      },
    },
    {
      transform: [{ calculate: `format(datum.mean, '${input.unit === 'GBP' ? '.3s' : y.format}') + datum.met`, as: 'label' }],
      mark: { type: 'text', fontSize: 10 },
      encoding: {
        x,
        y: yy,
        text: { field: 'label', type: 'nominal' },
        color: { condition: { test: `datum.mean < ${middle}`, value: '#ffffff' }, value: '#000000' },
      },
    },
  ];
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: input.title ?? `${input.measure} on ${input.date}`,
      subtitle: [
        `Mean of ${input.replications} replications on common random numbers in each cell.`,
        ...(input.target !== undefined && input.meetsTarget !== undefined ? [`Numbers with ✓ meet the target ${input.target.text} in mean.`] : []),
      ],
    },
    data: { values: rows },
    width: Math.min(RESPONSE_WIDTH, 48 * new Set(rows.map((r) => r.a)).size),
    height: Math.min(CHART_HEIGHT, 28 * new Set(rows.map((r) => r.b)).size),
    layer,
  });
}
