// Calibration from SSDA903 returns in the page, step for step as `carecast calibrate` without --each-la:
// read (the same reader and layout rules, from the dropped files), spells counted as they stream into
// the estimator, the data-quality summary, the command line's refusals, then the scenario YAML.
import { addMonths, dayToIso, isoToDay } from '@carecast/engine';
import {
  calibrate,
  DataError,
  dataProblems,
  eachSpell,
  qualityPageHtml,
  qualityTable,
  readSsda903Texts,
  SpellTally,
  toScenarioYaml,
  type DataQualitySummary,
  type TextFile,
} from '@carecast/data/browser';

/** What the page asks for: the files and the command line's options (reference window blank: the last three years of the data). */
export interface CalibrationRequest {
  files: readonly { path: string; file: Blob }[];
  referenceStart: string;
  referenceEnd: string;
  horizonYears: number;
  durationBandsDays?: number[];
  /** Shown counts under this are `<N` (the command line's --suppress). */
  suppressBelow: number;
  /** Percentage of Episodes rows that may be dropped (--max-dropped). */
  maxDroppedPercent: number;
  force: boolean;
  name?: string;
  /** The scenario's file name (the quality page's subtitle names it, as --out does). */
  out: string;
}

/** The scenario and what the page shows beside it, or the problem that stopped it. */
export type CalibrationReply =
  | {
      ok: true;
      yaml: string;
      referenceStart: string;
      referenceEnd: string;
      /** What `carecast calibrate` prints on stderr: rows read, the per-return table, warnings with their first places. */
      qualityText: string;
      qualityPage: string;
      warnings: string[];
      summary: string;
    }
  | { ok: false; message: string; qualityText?: string };

/** The data-quality summary as the command line writes it to stderr. */
function qualityText(quality: DataQualitySummary, table: string): string {
  const lines = [`read ${quality.rows.episodes} episode rows, ${quality.rows.header} header rows, ${quality.rows.uasc} UASC rows`, table.trimEnd()];
  for (const issue of quality.issues) {
    lines.push(`warning: ${issue.count} × ${issue.kind}`);
    for (const example of issue.examples) lines.push(`  ${example}`);
  }
  const left = Object.entries(quality.exclusions).map(([k, n]) => `${k} ${n}`);
  if (left.length > 0) lines.push(`cleaning steps: ${left.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

export async function calibrateFiles(request: CalibrationRequest): Promise<CalibrationReply> {
  const files: TextFile[] = request.files.map((f) => ({ path: f.path, content: f.file.stream() }));
  try {
    const raw = await readSsda903Texts(files);
    let { referenceStart, referenceEnd } = request;
    if (referenceStart === '' || referenceEnd === '') {
      // The last three collection years the data cover (to the last 31 March).
      const end = Math.max(...raw.dataEndByLa.values());
      if (!Number.isFinite(end)) return { ok: false, message: 'the returns have no dates to take a reference window from; expected Episodes rows with dates, or a reference window' };
      referenceEnd = dayToIso(end - 1);
      referenceStart = addMonths(dayToIso(end), -36);
    }
    const window = { referenceStart, referenceEnd };
    const options = { ...window, horizonYears: request.horizonYears, ...(request.durationBandsDays ? { durationBandsDays: request.durationBandsDays } : {}) };
    const tally = new SpellTally(raw.quality.summary(), raw.dataEndByLa, window);
    const result = calibrate(tally.watch(eachSpell(raw, {})), options);
    const quality = raw.quality.summary();
    const returns = tally.summaries(quality);
    const text = qualityText(quality, qualityTable(returns, request.suppressBelow));
    const stock = (result.parameters.initialPopulation.counts ?? []).reduce((s, c) => s + c.count, 0);
    const problems = [
      ...dataProblems(quality, tally, window, request.maxDroppedPercent / 100),
      ...(stock === 0 ? [`no children in care at the end of ${referenceEnd} (the scenario would start from 0)`] : []),
    ];
    if (problems.length > 0 && !request.force) {
      return { ok: false, message: `${problems.join('; ')}; expected usable SSDA903 data (fix the input, or tick "go on anyway")`, qualityText: text };
    }
    const yaml = toScenarioYaml(result, { suppressBelow: request.suppressBelow, ...(request.name ? { name: request.name } : {}) });
    const subtitle =
      `Calibrated ${referenceStart} to ${referenceEnd} from ${quality.rows.episodes} Episodes rows in ${returns.length} returns; ` + `scenario ${request.out}.`;
    const qualityPage = qualityPageHtml({ title: request.name ?? 'Calibrated baseline', subtitle, returns, quality, suppressBelow: request.suppressBelow });
    const p = result.parameters;
    const perYear = Math.round(Object.values(p.entries.perYear).reduce((s, x) => s + (x ?? 0), 0) * 10) / 10;
    const shown = stock > 0 && stock < request.suppressBelow ? `<${request.suppressBelow}` : String(stock);
    const summary = `${perYear} entries a year (+${Math.round((p.uasc?.perYear ?? 0) * 10) / 10} UASC), ${shown} in care on ${referenceEnd}, ${p.transitions.rates.length} hazard rows; runs ${p.start} to ${p.end}. Supply and costs are a template: edit them.`;
    const warnings = [...problems.map((w) => `${w} (going on anyway)`), ...result.warnings];
    return { ok: true, yaml, referenceStart, referenceEnd, qualityText: text, qualityPage, warnings, summary };
  } catch (error) {
    if (error instanceof DataError) return { ok: false, message: error.message };
    return { ok: false, message: `calibration failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Checks the reference window as the command line's --reference does (blank: from the data). */
export function referenceProblem(start: string, end: string): string | undefined {
  if (start === '' && end === '') return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(start) || !iso.test(end) || !(isoToDay(start) < isoToDay(end))) {
    return `Reference window: expected two ISO dates, start before end (e.g. 2021-04-01 to 2024-03-31); got ${JSON.stringify(start)} to ${JSON.stringify(end)}`;
  }
  return undefined;
}
