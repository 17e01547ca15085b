// Accuracy study of the expected-value projection when hazards change with time in care (issue 12),
// run by hand (`pnpm build && tsx bench/expected-value-agreement.ts [replications of the truth]`), not in CI:
//
// 1. The one-category closed form (200 entries a year aged 1-4, exit hazard 4 a year for 90 days in
//    care and 1 a year after, from empty; stock λ ∫₀ᵗ S(u) du): the projection's relative error by month.
// 2. test/expected-value.spec.ts's time-in-care scenario against a large simulation (the truth: its
//    mean over TRUTH replications, seeds 1001...): the projection's gap by month, in children and in
//    standard errors of a 300-replication mean.
// 3. How often "every month within the simulation's 95% interval" holds (the spec's check) over
//    seeds 1-12 of 300 replications and over seeds 1-SEEDS: for the projection, and for the truth
//    itself (an unbiased estimate, with an error of its own of sd/√TRUTH, a tenth of a 300-replication
//    run's at 30,000), which gives the pass rate to expect of an unbiased projection; with the largest
//    monthly |z| and the mean signed z (a bias shows there, chance averages out over seeds).
//
// Arguments: replications of the truth (default 4,000), seeds of 300 replications (default 60).
import { projectExpected, type ModelParameters } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { TIME_IN_CARE_SCENARIO } from '../test/time-in-care-scenario.js';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const TRUTH = Number(process.argv[2] ?? 4000);
const SEEDS = Number(process.argv[3] ?? 60);
const REPLICATIONS = 300;
const T_975 = 1.968; // Student t, 299 degrees of freedom

// 1. Closed form.
const LAMBDA = 200;
const B = 90 / 365.25;
const survivalIntegral = (t: number): number =>
  t <= B ? (1 - Math.exp(-4 * t)) / 4 : (1 - Math.exp(-4 * B)) / 4 + Math.exp(-4 * B) * (1 - Math.exp(-(t - B)));
const closedCase: ModelParameters = {
  start: '2025-04-01',
  end: '2030-03-31',
  initialPopulation: { counts: [] },
  entries: {
    perYear: { '1-4': LAMBDA },
    routeShares: { care_proceedings: 1 },
    firstPlacement: Object.fromEntries(['<1', '1-4', '5-9', '10-15', '16-17'].map((b) => [b, { inhouse_foster: 1 }])),
  },
  transitions: {
    durationBandsDays: [90],
    rates: [
      { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 4, durationBands: [0] },
      { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 1, durationBands: [1] },
    ],
  },
  ageOut: { independent_living: 0.6, staying_put: 0.4 },
  supply: { capacity: {}, fallback: {} },
  costs: { weeklyCost: { inhouse_foster: 700 } },
} as ModelParameters;
const closedRows = projectExpected(closedCase, { supply: false }).filter((r) => r.metric === 'in_care' && r.category === 'total');
const start = day('2025-04-01');
const rel: number[] = [];
for (const row of closedRows.slice(1)) {
  const exact = LAMBDA * survivalIntegral((day(row.date) + 1 - start) / 365.25);
  rel.push(row.mean / exact - 1);
}
const last = closedRows.at(-1)!;
const lastExact = LAMBDA * survivalIntegral((day(last.date) + 1 - start) / 365.25);
const pct = (x: number): string => `${(100 * x).toFixed(3)}%`;
console.log(`closed form ${last.date}: exact ${lastExact.toFixed(3)}, projected ${last.mean.toFixed(3)} (${pct(last.mean / lastExact - 1)})`);
console.log(`  relative error by month: mean ${pct(rel.reduce((a, b) => a + b, 0) / rel.length)}, largest |.| ${pct(Math.max(...rel.map(Math.abs)))}, first 6 months ${rel.slice(0, 6).map(pct).join(' ')}`);

// 2. and 3. The time-in-care scenario.
const params = TIME_IN_CARE_SCENARIO;
const model = compileModel(params);
const n = model.dates.length;
const projected = projectExpected(params).filter((r) => r.metric === 'in_care' && r.category === 'total').map((r) => r.mean);

/** Mean and variance (n − 1) by month of total in care over `reps` replications of `seed`. */
function simulate(seed: number, reps: number): { mean: Float64Array; variance: Float64Array } {
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  for (let r = 0; r < reps; r++) {
    const v = runReplication(model, seed, r).series['in_care|total']!;
    for (let m = 0; m < n; m++) {
      sum[m]! += v[m]!;
      sumSq[m]! += v[m]! * v[m]!;
    }
  }
  const mean = sum.map((s) => s / reps);
  const variance = sumSq.map((q, m) => Math.max(0, (q - reps * mean[m]! * mean[m]!) / (reps - 1)));
  return { mean, variance };
}

// The truth: TRUTH replications over seeds 1001... (300 a seed), independent of seeds 1-60.
const truthSum = new Float64Array(n);
const truthVar = new Float64Array(n);
const seedsOfTruth = Math.ceil(TRUTH / REPLICATIONS);
for (let s = 0; s < seedsOfTruth; s++) {
  const run = simulate(1001 + s, REPLICATIONS);
  for (let m = 0; m < n; m++) {
    truthSum[m]! += run.mean[m]!;
    truthVar[m]! += run.variance[m]!;
  }
}
const truth = truthSum.map((s) => s / seedsOfTruth);
const sd = truthVar.map((v) => Math.sqrt(v / seedsOfTruth));
const replicationsOfTruth = seedsOfTruth * REPLICATIONS;
console.log(`time-in-care scenario, projection − simulated mean of ${replicationsOfTruth} replications (seeds 1001-${1000 + seedsOfTruth}), by month:`);
const gaps: string[] = [];
let gapSum = 0;
let zSum = 0;
for (let m = 1; m < n; m++) {
  const gap = projected[m]! - truth[m]!;
  const se300 = sd[m]! / Math.sqrt(REPLICATIONS);
  const seTruth = sd[m]! / Math.sqrt(replicationsOfTruth);
  gapSum += gap / truth[m]!;
  zSum += gap / se300;
  gaps.push(`${model.dates[m]} ${gap >= 0 ? '+' : ''}${gap.toFixed(3)} (${pct(gap / truth[m]!)}, ${(gap / se300).toFixed(2)} se300, ±${(T_975 * seTruth).toFixed(3)})`);
}
console.log(`  ${gaps.join('\n  ')}`);
console.log(`  mean relative gap ${pct(gapSum / (n - 1))}, mean gap ${(zSum / (n - 1)).toFixed(2)} standard errors of a 300-replication mean`);

/** Largest |estimate − run mean| / standard error over the months, and the mean signed z. */
function deviation(run: { mean: Float64Array; variance: Float64Array }, estimate: ArrayLike<number>): { max: number; mean: number } {
  let max = 0;
  let sum = 0;
  for (let m = 1; m < n; m++) {
    const z = (estimate[m]! - run.mean[m]!) / Math.sqrt(run.variance[m]! / REPLICATIONS);
    max = Math.max(max, Math.abs(z));
    sum += z;
  }
  return { max, mean: sum / (n - 1) };
}
const projectionMax: number[] = [];
const projectionMean: number[] = [];
const truthMax: number[] = [];
const truthMean: number[] = [];
for (let seed = 1; seed <= SEEDS; seed++) {
  const run = simulate(seed, REPLICATIONS);
  const p = deviation(run, projected);
  const t = deviation(run, truth);
  projectionMax.push(p.max);
  projectionMean.push(p.mean);
  truthMax.push(t.max);
  truthMean.push(t.mean);
}
const passing = (max: number[], to: number): number => max.slice(0, to).filter((z) => z <= T_975).length;
const failing = projectionMax.slice(0, 12).flatMap((z, i) => (z > T_975 ? [i + 1] : []));
const average = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
const sdOf = (x: number[]): number => Math.sqrt(x.reduce((a, b) => a + (b - average(x)) ** 2, 0) / (x.length - 1));
const quantile = (x: number[], q: number): number => [...x].sort((a, b) => a - b)[Math.min(x.length - 1, Math.floor(q * x.length))]!;
console.log(`every month within the 95% interval (|z| <= ${T_975}), seeds 1-12: projection ${passing(projectionMax, 12)}/12 (failing ${failing.join(', ') || 'none'}), truth ${passing(truthMax, 12)}/12`);
console.log(`  over seeds 1-${SEEDS}: projection ${passing(projectionMax, SEEDS)}/${SEEDS}, truth ${passing(truthMax, SEEDS)}/${SEEDS}; truth's largest monthly |z|: median ${quantile(truthMax, 0.5).toFixed(2)}, 95th percentile ${quantile(truthMax, 0.95).toFixed(2)}`);
console.log(`  mean signed z over the 12 months, averaged over seeds 1-${SEEDS}: projection ${average(projectionMean).toFixed(3)}, truth ${average(truthMean).toFixed(3)} (sd of one seed's ${sdOf(truthMean).toFixed(2)})`);
