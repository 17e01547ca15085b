// A statistical check of a change of draws: this build's Monte Carlo means against another build's
// (e.g. main's, drawing other numbers), for scenarios/baseline.yaml and combined-strategy.yaml:
//   pnpm exec tsx bench/model-stream-check.ts <other build's packages/engine/dist/index.js> [replications] [this build's seed]
// For each key total (the stock in care at the end, by category, UASC and age band; entries, exits and
// moves over the run; costs; children waiting, averaged over the months; care leavers at the end) it
// prints the two means and the difference in standard errors of the difference (the builds draw
// independent numbers, so SE = sqrt(s1^2 / n + s2^2 / n); when the builds share uniform streams, as a
// change of sampler alone does, their means are correlated and the SE overstates the noise: give this
// build another seed (the other runs seed 1) for independent samples). Two builds that simulate the same model
// should agree within about 2.5 standard errors on nearly every total (about 1 in 80 beyond by chance).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulate } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';

const otherPath = process.argv[2];
if (!otherPath) throw new Error('usage: tsx bench/model-stream-check.ts <other dist/index.js> [replications]');
const replications = Number(process.argv[3] ?? 2000);
const seed = Number(process.argv[4] ?? 1);
const other = (await import(pathToFileURL(otherPath).href)) as { simulate: typeof simulate };
const repo = fileURLToPath(new URL('../', import.meta.url));

type Run = Awaited<ReturnType<typeof simulate>>;
type Total = { key: string; series: string; of: (series: ArrayLike<number>) => number };
const last = (xs: ArrayLike<number>): number => xs[xs.length - 1]!;
const sum = (xs: ArrayLike<number>): number => {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i]!;
  return total;
};
const mean = (xs: ArrayLike<number>): number => sum(xs) / xs.length;

/** The totals compared: which series and how a replication's monthly values become one number. */
function totals(run: Run): Total[] {
  const out: Total[] = [];
  for (const key of run.values.keys()) {
    const metric = key.split('|')[0]!;
    if (['in_care', 'in_care_uasc', 'in_care_by_age', 'care_leavers', 'occupied', 'staying_put', 'staying_put_places_held'].includes(metric)) out.push({ key: `${key} at end`, series: key, of: last });
    else if (['entries', 'exits', 'exits_from', 'cost', 'care_leaver_cost', 'lever_cost'].includes(metric) || (metric === 'moves' && key.endsWith('|total'))) out.push({ key: `${key} summed`, series: key, of: sum });
    else if (metric === 'waiting' || metric === 'out_of_area') out.push({ key: `${key} mean`, series: key, of: mean });
  }
  return out;
}

function perReplication(run: Run, total: Total): number[] {
  return Array.from(run.values.get(total.series)!, (series) => total.of(series));
}

function stats(xs: readonly number[]): { mean: number; variance: number } {
  const m = mean(xs);
  return { mean: m, variance: xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) };
}

for (const scenario of ['baseline', 'combined-strategy']) {
  const params = (await compileScenarioFile(`scenarios/${scenario}.yaml`, { cwd: repo })).params;
  const mine = await simulate(params, { seed, replications });
  const theirs = await other.simulate(params, { seed: 1, replications });
  const rows: { key: string; a: number; b: number; z: number }[] = [];
  for (const t of totals(mine)) {
    const a = stats(perReplication(mine, t));
    const b = stats(perReplication(theirs, t));
    const se = Math.sqrt((a.variance + b.variance) / replications);
    if (se === 0 && a.mean === b.mean) continue;
    rows.push({ key: t.key, a: a.mean, b: b.mean, z: (a.mean - b.mean) / se });
  }
  const beyond = rows.filter((r) => Math.abs(r.z) > 2.5);
  const worst = rows.reduce((w, r) => (Math.abs(r.z) > Math.abs(w.z) ? r : w));
  console.log(
    `${scenario}, ${replications} replications each (seed ${seed} against 1): ${rows.length} totals, ${beyond.length} beyond 2.5 standard errors, ` +
      `|z| median ${[...rows].map((r) => Math.abs(r.z)).sort((x, y) => x - y)[Math.floor(rows.length / 2)]!.toFixed(2)}, ` +
      `largest ${worst.key} ${worst.a.toFixed(2)} against ${worst.b.toFixed(2)} (z ${worst.z.toFixed(2)})`,
  );
  for (const r of rows) {
    if (Math.abs(r.z) > 2.5 || /^(in_care\|total|cost\|total|waiting\|total|care_leavers\|total|staying_put_places_held\|total|exits\|total|entries\|total)/.test(r.key)) {
      console.log(`  ${r.key}: ${r.a.toFixed(3)} against ${r.b.toFixed(3)}, z ${r.z.toFixed(2)}`);
    }
  }
}
