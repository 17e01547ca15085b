// Coverage of forecast bands over generated authorities: each is a scaled copy of Anytown's care model
// (scenarios/baseline.yaml; its supply as it stands at the origin given to the forecast), simulated as synthetic
// SSDA903 returns; calibrate fits the last `referenceYears` before an origin (31 March), the fit is
// forecast with and without parameter uncertainty, and the actual stock on each later 31 March (from the
// synthetic truth: the returns, read back and cleaned) is checked against the 50% (p25-p75) and 90%
// (p05-p95) bands, by category and in total. Used by bench/coverage.bench.ts (the full study) and
// test/coverage.spec.ts (a small fixed-seed one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PLACEMENT_CATEGORIES,
  addMonths,
  dayToIso,
  isoToDay,
  simulateSummary,
  withoutParameterUncertainty,
  type ModelParameters,
  type SeriesRow,
} from '@carecast/engine';
import { buildSpells, calibrate, findSsda903Files, readSsda903, stockOn, synthesizeRecords, writeSsda903, type SimRecords } from '@carecast/data';

export interface CoverageStudyOptions {
  /** Truth: the care model to scale (its supply is left out). */
  truth: ModelParameters;
  /** Authority sizes as multiples of the truth's stock and entries. */
  scales: readonly number[];
  /** Seeds of the synthetic data, one authority per (scale, seed). */
  seeds: readonly number[];
  /** Years of returns to synthesise; the origin is the end of year `referenceYears + 1`. __Default value:__ referenceYears + 1 + horizonYears */
  referenceYears: number;
  /** 31 Marches forecast after the origin (1 = one year ahead). */
  horizonYears: number;
  replications: number;
  /** Duration bands of the fit (days in care). __Default value:__ [] */
  durationBandsDays?: number[];
}

export type Band = 'with' | 'without';

/** One authority, one 31 March, one category: the actual and both forecasts' bands. */
export interface CoverageRow {
  scale: number;
  seed: number;
  date: string;
  /** Years after the origin. */
  ahead: number;
  category: string;
  actual: number;
  bands: Record<Band, { p05: number; p25: number; p75: number; p95: number; mean: number }>;
}

/** Runs the study: one row per authority x forecast 31 March x category (and total). */
export async function coverageStudy(o: CoverageStudyOptions, onAuthority?: (done: number, total: number) => void): Promise<CoverageRow[]> {
  const rows: CoverageRow[] = [];
  const total = o.scales.length * o.seeds.length;
  let done = 0;
  for (const scale of o.scales) {
    for (const seed of o.seeds) {
      rows.push(...(await oneAuthority(o, scale, seed)));
      onAuthority?.(++done, total);
    }
  }
  return rows;
}

/**
 * The truth scaled to `scale`: stock, entries, beds, households and recruitment times it; no levers. The
 * forecast is given this supply as it stands at the origin (`supplyAt`; as `carecast backtest
 * --supply-from` does): SSDA903 holds none, and without it the in-house / external split of each type of
 * care is not identified.
 */
export function scaledTruth(truth: ModelParameters, scale: number): ModelParameters {
  const p = structuredClone(truth);
  p.initialPopulation = { counts: (p.initialPopulation.counts ?? []).map((c) => ({ ...c, count: Math.round(c.count * scale) })) };
  p.entries.perYear = Object.fromEntries(Object.entries(p.entries.perYear).map(([b, v]) => [b, (v ?? 0) * scale]));
  if (p.uasc) p.uasc.perYear *= scale;
  for (const spec of Object.values(p.supply.capacity)) {
    if (!spec) continue;
    if ('households' in spec) {
      spec.households = Math.round(spec.households * scale);
      if (spec.recruitmentPerYear !== undefined) spec.recruitmentPerYear *= scale;
    } else spec.beds = Math.round(spec.beds * scale);
  }
  delete p.modifiers;
  delete p.careLeavers;
  delete p.uncertainty;
  return p;
}

/**
 * The truth's supply as it stood at the end of `date` in its own run: households where they are recruited
 * and de-registered (the truth's start count drifts, towards recruitment / de-registration rate), beds as
 * set. An authority forecasting knows its approved households on the day; the start's count would be a
 * supply the forecast could not have had right.
 */
export function supplyAt(supply: ModelParameters['supply'], records: SimRecords, date: string): ModelParameters['supply'] {
  const out = structuredClone(supply);
  const i = records.series?.dates.indexOf(date) ?? -1;
  if (i < 0) throw new Error(`the truth's run has no figures for ${date}`);
  for (const [category, spec] of Object.entries(out.capacity)) {
    if (!spec || !('households' in spec)) continue;
    const households = records.series!.values[`households|${category}`]?.[i];
    if (households === undefined) throw new Error(`the truth's run has no households of ${category}`);
    spec.households = households;
  }
  return out;
}

async function oneAuthority(o: CoverageStudyOptions, scale: number, seed: number): Promise<CoverageRow[]> {
  const years = o.referenceYears + 1 + o.horizonYears;
  const truth = scaledTruth(o.truth, scale);
  truth.end = dayToIso(isoToDay(addMonths(truth.start, 12 * years)) - 1);
  const dir = mkdtempSync(join(tmpdir(), 'carecast-coverage-'));
  try {
    const records = synthesizeRecords(truth, { years, seed });
    await writeSsda903(records, dir, seed);
    const spells = buildSpells(await readSsda903(await findSsda903Files(dir)));
    // The first year's returns see the truth's starting stock only from below: fit on the years after it.
    const referenceStart = addMonths(truth.start, 12);
    const origin = dayToIso(isoToDay(addMonths(truth.start, 12 * (1 + o.referenceYears))) - 1);
    const fit = calibrate(spells, {
      referenceStart,
      referenceEnd: origin,
      horizonYears: o.horizonYears,
      ...(o.durationBandsDays ? { durationBandsDays: o.durationBandsDays } : {}),
    });
    const params: ModelParameters = { ...fit.parameters, supply: supplyAt(truth.supply, records, origin) };
    const forecast = async (p: ModelParameters): Promise<Map<string, SeriesRow>> => {
      const run = await simulateSummary(p, { seed: 1000 + seed, replications: o.replications, workers: 1 });
      return new Map(run.rows.filter((r) => r.metric === 'in_care').map((r) => [`${r.date}|${r.category}`, r]));
    };
    const withU = await forecast(params);
    const withoutU = await forecast(withoutParameterUncertainty(params));
    const out: CoverageRow[] = [];
    for (let k = 1; k <= o.horizonYears; k++) {
      const date = dayToIso(isoToDay(addMonths(params.start, 12 * k)) - 1);
      const actual = stockOn(spells, date);
      if (!actual) continue;
      for (const category of [...PLACEMENT_CATEGORIES, 'total']) {
        const a = category === 'total' ? Object.values(actual).reduce((x, y) => x + y, 0) : actual[category as keyof typeof actual];
        const band = (m: Map<string, SeriesRow>) => {
          const r = m.get(`${date}|${category}`);
          return { p05: r?.p05 ?? 0, p25: r?.p25 ?? 0, p75: r?.p75 ?? 0, p95: r?.p95 ?? 0, mean: r?.mean ?? 0 };
        };
        out.push({ scale, seed, date, ahead: k, category, actual: a, bands: { with: band(withU), without: band(withoutU) } });
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Share of rows whose actual lies in the band (bounds included), 50% and 90%. */
export function coverage(rows: readonly CoverageRow[], which: Band): { n: number; in50: number; in90: number } {
  let in50 = 0;
  let in90 = 0;
  for (const r of rows) {
    const b = r.bands[which];
    if (r.actual >= b.p25 && r.actual <= b.p75) in50++;
    if (r.actual >= b.p05 && r.actual <= b.p95) in90++;
  }
  return { n: rows.length, in50: rows.length ? in50 / rows.length : NaN, in90: rows.length ? in90 / rows.length : NaN };
}

/** A markdown table of coverage by category and in total, with and without parameter uncertainty. */
export function coverageTable(rows: readonly CoverageRow[]): string {
  const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(0)}%`);
  const lines = [
    '| category | rows | in 50% band, with | in 90% band, with | in 50% band, without | in 90% band, without | mean 90% width with / without |',
    '|---|---|---|---|---|---|---|',
  ];
  const categories = [...new Set(rows.map((r) => r.category))];
  for (const c of categories) {
    // Categories nobody is forecast in and nobody is in tell nothing about a band.
    const rs = rows.filter((r) => r.category === c && (r.actual > 0 || r.bands.with.p95 > 0));
    if (rs.length === 0) continue;
    const w = coverage(rs, 'with');
    const wo = coverage(rs, 'without');
    const width = (b: Band) => rs.reduce((s, r) => s + r.bands[b].p95 - r.bands[b].p05, 0) / rs.length;
    lines.push(`| ${c} | ${rs.length} | ${pct(w.in50)} | ${pct(w.in90)} | ${pct(wo.in50)} | ${pct(wo.in90)} | ${(width('with') / width('without')).toFixed(2)} |`);
  }
  const all = rows.filter((r) => r.category !== 'total' && (r.actual > 0 || r.bands.with.p95 > 0));
  const w = coverage(all, 'with');
  const wo = coverage(all, 'without');
  lines.push(`| every category row | ${all.length} | ${pct(w.in50)} | ${pct(w.in90)} | ${pct(wo.in50)} | ${pct(wo.in90)} | |`);
  return lines.join('\n');
}

/**
 * Bias by category and horizon: the forecast mean's error relative to the actual (Σ(mean − actual) /
 * Σactual, positive = over-forecast) and the standardised errors z = (actual − mean) / ((p95 − p05) /
 * 3.29) (mean and sd; 0 and 1 for an unbiased forecast whose band is right), over rows with a band.
 */
export function biasTable(rows: readonly CoverageRow[], which: Band): string {
  const lines = ['| category | years ahead | rows | forecast vs actual | mean z | sd z |', '|---|---|---|---|---|---|'];
  const categories = [...new Set(rows.map((r) => r.category))];
  const aheads = [...new Set(rows.map((r) => r.ahead))].sort((a, b) => a - b);
  for (const c of categories) {
    for (const ahead of aheads) {
      const rs = rows.filter((r) => r.category === c && r.ahead === ahead && r.bands[which].p95 > r.bands[which].p05);
      if (rs.length === 0) continue;
      const actual = rs.reduce((s, r) => s + r.actual, 0);
      const error = rs.reduce((s, r) => s + r.bands[which].mean - r.actual, 0);
      const z = rs.map((r) => (r.actual - r.bands[which].mean) / ((r.bands[which].p95 - r.bands[which].p05) / 3.29));
      const mean = z.reduce((s, x) => s + x, 0) / z.length;
      const sd = Math.sqrt(z.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, z.length - 1));
      const rel = actual > 0 ? `${error >= 0 ? '+' : ''}${((100 * error) / actual).toFixed(1)}%` : '-';
      lines.push(`| ${c} | ${ahead} | ${rs.length} | ${rel} | ${mean.toFixed(2)} | ${sd.toFixed(2)} |`);
    }
  }
  return lines.join('\n');
}
