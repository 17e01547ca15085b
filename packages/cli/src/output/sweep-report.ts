import type { SweepResult } from '@carecast/scenario';
import type { UncertaintyKinds } from '@carecast/report';
import { formatValue } from '../questions.js';

/** The measure a two-lever sweep adds for its second heat map: placement cost plus lever costs per year. */
export const NET_COST = 'net_cost per year';

/** One row per value (or pair of values), one column per measure: mean (5-95% range). */
export function sweepTable(r: SweepResult): [string[], string[][]] {
  const units = new Map(r.measures.map((m) => [m.measure, m.unit]));
  const key = (values: readonly number[]) => values.join(',');
  const cells = new Map<string, Map<string, string>>();
  const order: (readonly number[])[] = [];
  for (const row of r.rows) {
    let byMeasure = cells.get(key(row.values));
    if (byMeasure === undefined) {
      cells.set(key(row.values), (byMeasure = new Map()));
      order.push(row.values);
    }
    const f = (x: number) => formatValue(x, units.get(row.measure)!);
    const met = row.probabilityMet !== undefined ? `, met in ${Math.round(row.probabilityMet * 100)}%` : '';
    byMeasure.set(row.measure, `${f(row.mean)} (${f(row.p05)} to ${f(row.p95)}${met})`);
  }
  const head = [...r.axes.map((a) => a.setting), ...r.measures.map((m) => m.measure)];
  return [head, order.map((values) => [...values.map(String), ...r.measures.map((m) => cells.get(key(values))!.get(m.measure) ?? '')])];
}

/** The report of a sweep: response curves (one lever) or heat maps of the target measure and net cost (two). */
export async function sweepReport(r: SweepResult, scenarioName: string, netCost: string, uncertainty: UncertaintyKinds | undefined): Promise<Map<string, string>> {
  const { questionReportFiles, responseCurveSpec, responseHeatmapSpec, uncertaintyInWords } = await import('@carecast/report');
  const units = new Map(r.measures.map((m) => [m.measure, m.unit]));
  const targetMeasure = r.rows.find((row) => row.probabilityMet !== undefined)?.measure;
  const target = targetMeasure !== undefined && r.target !== undefined && r.targetValue !== undefined ? { value: r.targetValue, text: r.target } : undefined;
  const op = r.target?.match(/(<=|>=|<|>)/)?.[1];
  const meetsTarget = (x: number) => (op === '<' ? x < r.targetValue! : op === '<=' ? x <= r.targetValue! : op === '>' ? x > r.targetValue! : x >= r.targetValue!);
  const charts: { name: string; caption: string; spec: NonNullable<ReturnType<typeof responseCurveSpec>> }[] = [];
  const slug = (m: string) => m.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  if (r.axes.length === 1) {
    const ordered = [...(targetMeasure !== undefined ? [targetMeasure] : []), ...r.measures.map((m) => m.measure).filter((m) => m !== targetMeasure)];
    for (const measure of ordered) {
      const spec = responseCurveSpec({
        points: r.rows,
        axis: r.axes[0]!,
        measure,
        unit: units.get(measure)!,
        date: r.date,
        replications: r.replications,
        target: measure === targetMeasure ? target : undefined,
      });
      if (spec !== undefined) charts.push({ name: `sweep-${slug(measure)}`, caption: `${measure} on ${r.date} at each value of ${r.axes[0]!.setting}.`, spec });
    }
  } else {
    const axes = [r.axes[0]!, r.axes[1]!] as const;
    const shown = [targetMeasure ?? r.measures[0]!.measure, ...(r.measures.some((m) => m.measure === netCost) ? [netCost] : [])];
    for (const measure of [...new Set(shown)]) {
      const spec = responseHeatmapSpec({
        points: r.rows,
        axes,
        measure,
        unit: units.get(measure)!,
        date: r.date,
        replications: r.replications,
        target: measure === targetMeasure ? target : undefined,
        ...(measure === targetMeasure && target !== undefined ? { meetsTarget } : {}),
      });
      if (spec !== undefined) charts.push({ name: `sweep-grid-${slug(measure)}`, caption: `${measure} on ${r.date} on every pair of values.`, spec });
    }
  }
  const [head, rows] = sweepTable(r);
  return questionReportFiles({
    title: `Sweep: ${r.axes.map((a) => `${a.lever} ${a.setting}`).join(' × ')}`,
    sentences: [
      `${scenarioName} run at each value${r.axes.length === 2 ? ' pair' : ''} on the same seed and replications.${r.target !== undefined ? ` Target: ${r.target}.` : ''}`,
      'Net cost per year is the placement cost plus lever costs where the results hold them (cash prices).',
    ],
    facts: [
      ['Scenario', scenarioName],
      ...r.axes.map((a): [string, string] => [`${a.lever}: ${a.setting}`, `${a.values.join(', ')} (${a.unit})`]),
      ['Measures read on', r.date],
      ['Seed', String(r.seed)],
      ['Replications per value', String(r.replications)],
      ['Ranges of outcomes hold', uncertaintyInWords(uncertainty)],
    ],
    table: { caption: 'Each value: mean (5-95% range of outcomes over replications)', head, rows },
    charts,
  });
}
