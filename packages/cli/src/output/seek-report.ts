import { seekSentence, type SeekResult } from '@carecast/scenario';
import type { UncertaintyKinds } from '@carecast/report';
import { formatValue } from '../questions.js';

/** How the seek found its first bracket, in words (results.json `bracket`). */
export const BRACKET: Record<SeekResult['bracket'], string> = {
  'expected-value': 'Bracketed by the expected-value projection, then searched by simulation on common random numbers.',
  simulation: 'Bracketed by a coarse simulation (the expected-value projection does not cross the target within the bounds: it ignores supply), then searched at full replications.',
  none: 'Searched by simulation on common random numbers from the bounds.',
};

/** The values tried as a table: header and rows. */
export function evidenceTable(r: SeekResult): [string[], string[][]] {
  const f = (x: number) => formatValue(x, r.measureUnit);
  return [
    ['value', 'stage', 'replications', 'mean', '95% interval', '5-95% range', 'met in', 'decision'],
    r.evidence.map((e) => [
      String(e.value),
      e.stage,
      String(e.replications),
      f(e.mean),
      e.stage === 'expected-value' ? '' : `${f(e.ci95_low)} to ${f(e.ci95_high)}`,
      e.stage === 'expected-value' ? '' : `${f(e.p05)} to ${f(e.p95)}`,
      e.stage === 'expected-value' ? '' : `${Math.round(e.probabilityMet * 100)}%`,
      e.decision,
    ]),
  ];
}

/** The report of a seek (from its result, so `carecast report` re-renders it from results.json): the response at every value simulated and every value tried. */
export async function seekReport(r: SeekResult, scenarioName: string, uncertainty: UncertaintyKinds | undefined): Promise<Map<string, string>> {
  const { questionReportFiles, responseCurveSpec, uncertaintyInWords } = await import('@carecast/report');
  // The response: each value simulated, at the most replications it ran (all on common random numbers).
  const most = new Map<number, SeekResult['evidence'][number]>();
  for (const e of r.evidence) if (e.stage === 'simulation' && (most.get(e.value)?.replications ?? 0) < e.replications) most.set(e.value, e);
  const points = [...most.values()].sort((a, b) => a.value - b.value).map((e) => ({ ...e, values: [e.value], measure: r.measure }));
  const sizes = points.map((p) => p.replications);
  const low = Math.min(...sizes);
  const high = Math.max(...sizes);
  const spec = responseCurveSpec({
    points,
    axis: { lever: r.lever, setting: r.setting, unit: r.unit },
    measure: r.measure,
    unit: r.measureUnit,
    date: r.date,
    replications: low === high ? high : `${low} to ${high}`,
    target: { value: r.targetValue, text: r.target },
    answer: r.answer,
  });
  const [head, rows] = evidenceTable(r);
  return questionReportFiles({
    title: `Seek: ${r.target}`,
    sentences: [seekSentence(r), BRACKET[r.bracket]],
    facts: [
      ['Scenario', scenarioName],
      ['Lever setting', `${r.lever}: ${r.setting} (${r.unit}), ${r.from} to ${r.to} by ${r.step}`],
      ['Measure read on', r.date],
      ['Seed', String(r.seed)],
      ['Replications per value (final)', String(r.replications)],
      ['Runs', `${r.runs} (${r.simulatedReplications} replications in all)`],
      ['Ranges of outcomes hold', uncertaintyInWords(uncertainty)],
    ],
    table: { caption: 'Every value tried, in order: the expected-value projection, the coarse bracket, then simulation', head, rows },
    charts: spec === undefined ? [] : [{ name: 'seek-response', caption: `${r.measure} against ${r.setting} at every value simulated (each at the most replications it ran), with the target line and the answer.`, spec }],
  });
}
