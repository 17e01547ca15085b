// Diagnoses a coverage-study bias (bench/coverage-study.ts): for generated authorities at one size, the
// mean forecast against the mean actual stock by category at the origin and 6, 12, 18 and 24 months on,
// the ages of the children in supported accommodation at the origin, and the fitted hazards into and out of
// supported accommodation against the generator's (the truth's) rates, and the focus category's hazards out
// by duration band (non-UASC, every age band): raw events / child-years, the written (shrunk) rate and the
// truth's, exposure-weighted over the authorities.
// COVERAGE_SEEDS (default 8), COVERAGE_SCALE (default 1), COVERAGE_REPS (default 100), COVERAGE_CATEGORY
// (default supported: whose hazards to print), COVERAGE_BANDS (duration bands of the fit, e.g. 90,365,730), COVERAGE_START=children (the start stock as a list of children
// with exact ages: an oracle of the start state), COVERAGE_RATES=truth (the generator's rates: an oracle of the fit).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DAYS_PER_YEAR, PLACEMENT_CATEGORIES, addMonths, dayToIso, isoToDay, simulateSummary, withoutParameterUncertainty, type ModelParameters, type TransitionTarget } from '@carecast/engine';
import { buildSpells, calibrate, findSsda903Files, readSsda903, stockOn, synthesize, type CareSpell } from '@carecast/data';
import { compileScenarioFile } from '@carecast/scenario';
import { scaledTruth } from './coverage-study.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });
const seedCount = Number(process.env['COVERAGE_SEEDS'] ?? 8);
const scale = Number(process.env['COVERAGE_SCALE'] ?? 1);
const reps = Number(process.env['COVERAGE_REPS'] ?? 100);
const months = [0, 6, 12, 18, 24];
// The category whose fitted hazards in and out are printed.
const focus = process.env['COVERAGE_CATEGORY'] ?? 'supported';
// Duration bands of the fit (days in care, comma-separated; default none).
const bands = (process.env['COVERAGE_BANDS'] ?? '').split(',').filter((x) => x !== '').map(Number);
const cats = [...PLACEMENT_CATEGORIES, 'total'] as const;
const fc = new Map<string, number>();
const act = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const ageYears: number[] = [];
const rates = new Map<string, number[]>();
// Per (from, to, duration band) of the focus category's hazards, non-UASC cells of every age band summed over
// authorities: events, child-years, written rate x child-years and true rate x child-years (exposure-weighted means).
const byBand = new Map<string, { events: number; childYears: number; written: number; truth: number }>();
/** The truth's hazard per child-year of a cell: the sum of its matching rows (rows to a type of care excepted). */
const trueRate = (p: ModelParameters, from: string, to: TransitionTarget, band: string, d: number): number =>
  p.transitions.rates
    .filter((r) => r.from === from && JSON.stringify(r.to) === JSON.stringify(to) && (!r.ageBands || r.ageBands.includes(band as never)) && (!r.durationBands || r.durationBands.includes(d)) && r.uasc !== true)
    .reduce((s, r) => s + r.perYear, 0);
/** The placement a spell's child held at the start of `day` (in care and observed then), else undefined. */
const periodAt = (s: CareSpell, day: number): CareSpell['periods'][number] | undefined => {
  if (s.start >= day || (s.end !== null && s.end < day)) return undefined;
  const per = s.periods.find((q) => q.start < day && (q.end === null || q.end >= day));
  return per && (per.end !== null || s.observedUntil >= day) ? per : undefined;
};
for (let i = 0; i < seedCount; i++) {
  const seed = 101 + i;
  const truth = scaledTruth(params, scale);
  truth.end = dayToIso(isoToDay(addMonths(truth.start, 12 * 6)) - 1);
  const dir = mkdtempSync(join(tmpdir(), 'carecast-diagnose-'));
  try {
    await synthesize(truth, { years: 6, seed, out: dir });
    const spells = buildSpells(await readSsda903(await findSsda903Files(dir)));
    const origin = dayToIso(isoToDay(addMonths(truth.start, 48)) - 1);
    const fit = calibrate(spells, { referenceStart: addMonths(truth.start, 12), referenceEnd: origin, horizonYears: 2, durationBandsDays: bands });
    let p: ModelParameters = withoutParameterUncertainty({ ...fit.parameters, supply: truth.supply });
    // COVERAGE_RATES=truth: the generator's own rates from the fitted start stock (an oracle of the fit).
    if (process.env['COVERAGE_RATES'] === 'truth') p = { ...truth, start: p.start, end: p.end, initialPopulation: p.initialPopulation };
    if (process.env['COVERAGE_START'] === 'children') {
      // The start stock as a list of children with their ages (an oracle of what the counts lose).
      const o = isoToDay(origin) + 1;
      const children: NonNullable<ModelParameters['initialPopulation']['children']> = [];
      for (const s of spells) {
        const per = periodAt(s, o);
        if (per) children.push({ category: per.category, ageDays: Math.min(6573, o - s.dob), daysInCare: Math.min(o - s.start, o - s.dob), uasc: s.uasc });
      }
      p.initialPopulation = { children };
    }
    for (const r of p.transitions.rates) {
      const target = 'category' in r.to ? `to ${r.to.category}` : 'typeOfCare' in r.to ? `to ${r.to.typeOfCare}` : `exit ${r.to.exit}`;
      const key = `${target} from ${r.from} ${r.ageBands?.join('/') ?? 'all'} d${r.durationBands?.join('/') ?? 'all'} ${r.uasc === undefined ? '' : r.uasc ? 'uasc' : 'non-uasc'}`;
      if (r.from === focus || target === `to ${focus}`) rates.set(key, [...(rates.get(key) ?? []), r.perYear]);
    }
    for (const t of fit.evidence.transitions) {
      if (t.from !== focus || t.uasc === true || !(t.childYears > 0)) continue;
      const target = 'category' in t.to ? `to ${t.to.category}` : 'typeOfCare' in t.to ? `to ${t.to.typeOfCare}` : `exit ${t.to.exit}`;
      const k = `${target} from ${t.from} d${t.durationBand}`;
      const b = byBand.get(k) ?? { events: 0, childYears: 0, written: 0, truth: 0 };
      b.events += t.events;
      b.childYears += t.childYears;
      b.written += t.perYear * t.childYears;
      b.truth += trueRate(truth, t.from, t.to, t.ageBand, t.durationBand) * t.childYears;
      byBand.set(k, b);
    }
    const originDay = isoToDay(origin) + 1;
    for (const s of spells) if (periodAt(s, originDay)?.category === 'supported') ageYears.push((originDay - s.dob) / DAYS_PER_YEAR);
    const run = await simulateSummary(p, { seed: 1000 + seed, replications: reps, workers: 1 });
    for (const mo of months) {
      const date = dayToIso(isoToDay(addMonths(p.start, mo)) - 1);
      const a = stockOn(spells, date)!;
      for (const c of cats) {
        add(act, `${mo}|${c}`, c === 'total' ? Object.values(a).reduce((x, y) => x + y, 0) : a[c]);
        if (mo === 0) {
          const init = (p.initialPopulation.children ?? []).filter((x) => c === 'total' || x.category === c).length + (p.initialPopulation.counts ?? []).filter((x) => c === 'total' || x.category === c).reduce((x, y) => x + y.count, 0);
          add(fc, `${mo}|${c}`, init);
        } else add(fc, `${mo}|${c}`, run.rows.find((r) => r.metric === 'in_care' && r.date === date && r.category === c)?.mean ?? 0);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stderr.write(`\r  authority ${i + 1}/${seedCount}`);
}
process.stderr.write('\n');
console.log(`Mean over ${seedCount} authorities at x${scale} (forecast / actual, forecast without parameter uncertainty, ${reps} replications):`);
console.log(`| category | ${months.map((m) => `month ${m}`).join(' | ')} |`);
for (const c of cats) {
  console.log(`| ${c} | ${months.map((m) => { const f = fc.get(`${m}|${c}`)! / seedCount; const a = act.get(`${m}|${c}`)! / seedCount; return `${f.toFixed(1)} / ${a.toFixed(1)} (${a > 0 ? ((100 * (f - a)) / a).toFixed(1) : '-'}%)`; }).join(' | ')} |`);
}
const older = ageYears.filter((a) => a >= 17).length;
console.log(`Supported at the origin: ${ageYears.length} children, ${((100 * older) / ageYears.length).toFixed(0)}% aged 17 (a uniform spread over 16-17 puts 50% there); mean age ${(ageYears.reduce((x, y) => x + y, 0) / ageYears.length).toFixed(2)} (uniform: 17.00)`);
console.log(`Fitted hazards per child-year into and out of ${focus} (mean over authorities, [min, max]):`);
for (const [k, v] of [...rates].sort()) console.log(`  ${k}: ${(v.reduce((x, y) => x + y, 0) / v.length).toFixed(3)} [${Math.min(...v).toFixed(3)}, ${Math.max(...v).toFixed(3)}] n=${v.length}`);
console.log(`Hazards out of ${focus} by duration band, non-UASC, every age band (sums over authorities; exposure-weighted; truth from the generator, 0 where it moves to a type of care):`);
for (const [k, b] of [...byBand].sort()) {
  if (b.events < 20) continue;
  console.log(`  ${k}: raw ${(b.events / b.childYears).toFixed(3)} (${b.events} events / ${b.childYears.toFixed(0)} child-years), written ${(b.written / b.childYears).toFixed(3)}, truth ${(b.truth / b.childYears).toFixed(3)}`);
}
