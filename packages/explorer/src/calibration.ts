// Calibration from SSDA903 returns in the page, step for step as `carecast calibrate` without --each-la:
// read (the same reader and layout rules, from the dropped files), spells counted as they stream into
// the estimator, the data-quality summary, the command line's refusals, the care leavers' accommodation
// from any OC3 tables among the files (as --folder finds them), then the scenario YAML.
import { addMonths, dayToIso, isoToDay } from '@carecast/engine';
import {
  calibrate,
  careLeaverText,
  collectionYears,
  DataError,
  dataProblems,
  eachSpell,
  fitCareLeavers,
  oc3Problems,
  qualityPageHtml,
  qualityTable,
  readOc3Texts,
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
      /**
       * What `carecast calibrate` prints: on stderr rows read, the per-return table, warnings with their
       * first places; then the care leavers' mix fitted from OC3 (young people, unusable rows, shares by age) or that none was given.
       */
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
    // The care leavers' accommodation from the OC3 tables among the files (`*oc3*.csv`), as the command line does for --folder.
    const oc3 = await readOc3Texts(files, collectionYears(referenceEnd, referenceEnd)[0]!);
    const oc3Problem = oc3 && oc3Problems(oc3, request.maxDroppedPercent);
    if (oc3Problem?.none !== undefined) return { ok: false, message: oc3Problem.none, qualityText: text };
    if (oc3Problem?.dropped !== undefined && !request.force) {
      return { ok: false, message: `${oc3Problem.dropped}; expected usable OC3 data (fix the input, or tick "go on anyway")`, qualityText: text };
    }
    const careLeavers = oc3 && fitCareLeavers(result, oc3);
    const leaversText = careLeavers
      ? careLeaverText(careLeavers, request.suppressBelow)
      : 'care leavers: ILLUSTRATIVE DEFAULT accommodation mix and start population (no OC3 table among the files: add the returns\' oc3.csv)\n';
    const yaml = toScenarioYaml(result, { suppressBelow: request.suppressBelow, ...(request.name ? { name: request.name } : {}), ...(careLeavers ? { careLeavers } : {}) });
    const subtitle =
      `Calibrated ${referenceStart} to ${referenceEnd} from ${quality.rows.episodes} Episodes rows in ${returns.length} returns; ` + `scenario ${request.out}.`;
    const qualityPage = qualityPageHtml({ title: request.name ?? 'Calibrated baseline', subtitle, returns, quality, suppressBelow: request.suppressBelow });
    const p = result.parameters;
    const perYear = Math.round(Object.values(p.entries.perYear).reduce((s, x) => s + (x ?? 0), 0) * 10) / 10;
    const shown = stock > 0 && stock < request.suppressBelow ? `<${request.suppressBelow}` : String(stock);
    const summary = `${perYear} entries a year (+${Math.round((p.uasc?.perYear ?? 0) * 10) / 10} UASC), ${shown} in care on ${referenceEnd}, ${p.transitions.rates.length} hazard rows; runs ${p.start} to ${p.end}; care leavers' accommodation ${careLeavers ? `fitted from OC3 (${careLeavers.files.length} file(s))` : 'an illustrative default'}. Supply and costs are a template: edit them.`;
    const warnings = [...problems.map((w) => `${w} (going on anyway)`), ...(oc3Problem?.dropped !== undefined ? [`${oc3Problem.dropped} (going on anyway)`] : []), ...result.warnings];
    return { ok: true, yaml, referenceStart, referenceEnd, qualityText: text + leaversText, qualityPage, warnings, summary };
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
