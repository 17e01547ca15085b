// The judge of a speed lever that changes the supply-aware expected-value projection (issue 12: fewer
// steps, fewer vectors), run by hand, not in CI. Two steps:
//
//   tsx bench/expected-value-oracle.ts simulate <replications> <oracle.json>
//     simulates every shipped scenario (scenarios/*.yaml, with capacity; seed 1, replications 0 to
//     N − 1 one after another, as test/expected-value-supply.spec.ts does) and writes, per scenario and
//     in-care series (by category and by age), the sum and sum of squares of each month's stock: the
//     oracle, made once (1,000 replications: about 1 min a scenario on a loaded 2-core machine).
//   tsx bench/expected-value-oracle.ts score <oracle.json> [label]
//     projects every scenario of the oracle with the built engine (`projectExpected`, supply-aware)
//     and prints, per scenario, projection − simulated mean at 1, 3 and 5 years (% of the mean: the
//     total, and the category of 15 children or more furthest off, with its z in standard errors of
//     the oracle's mean), the supply spec's checks that fail against this oracle (total within 1%,
//     categories within 3%, or within 3 standard errors below 15 children), and over months 1-60 the
//     root mean square z of the categories of 15 or more and of the age bands of 1 child or more.
//
// A lever is kept only if no figure gets measurably worse (README, "Speed"). Two builds are compared
// by scoring each against the same oracle file.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectExpected } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';

process.env.TZ = 'UTC';
const repo = fileURLToPath(new URL('../', import.meta.url));
const YEARS = [1, 3, 5];

/** Per scenario file: replications, and per series key the sum and sum of squares of each month's value. */
type Oracle = Record<string, { replications: number; sum: Record<string, number[]>; sumSq: Record<string, number[]> }>;

function usage(): never {
  process.stderr.write('usage: tsx bench/expected-value-oracle.ts simulate <replications> <oracle.json>\n       tsx bench/expected-value-oracle.ts score <oracle.json> [label]\n');
  process.exit(2);
}

const inCare = (key: string): boolean => key.startsWith('in_care|') || key.startsWith('in_care_by_age|');

async function simulate(replications: number, path: string): Promise<void> {
  const oracle: Oracle = {};
  for (const file of readdirSync(join(repo, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort()) {
    const { params } = await compileScenarioFile(join('scenarios', file), { cwd: repo });
    const model = compileModel(params);
    const sum: Record<string, number[]> = {};
    const sumSq: Record<string, number[]> = {};
    for (let r = 0; r < replications; r++) {
      const out = runReplication(model, 1, r);
      for (const [key, v] of Object.entries(out.series)) {
        if (!inCare(key)) continue;
        const s = (sum[key] ??= new Array<number>(v.length).fill(0));
        const q = (sumSq[key] ??= new Array<number>(v.length).fill(0));
        for (let m = 0; m < v.length; m++) {
          s[m]! += v[m]!;
          q[m]! += v[m]! * v[m]!;
        }
      }
    }
    oracle[file] = { replications, sum, sumSq };
    writeFileSync(path, JSON.stringify(oracle));
    process.stderr.write(`${file}: ${replications} replications\n`);
  }
}

async function score(path: string, label: string): Promise<void> {
  const oracle = JSON.parse(readFileSync(path, 'utf8')) as Oracle;
  let failed = 0;
  const rms = { categories: { z2: 0, n: 0 }, ages: { z2: 0, n: 0 } };
  for (const [file, { replications: n, sum, sumSq }] of Object.entries(oracle)) {
    const { params } = await compileScenarioFile(join('scenarios', file), { cwd: repo });
    const projected = new Map<string, number[]>();
    for (const row of projectExpected(params)) {
      const key = `${row.metric}|${row.category}`;
      if (inCare(key)) (projected.get(key) ?? projected.set(key, []).get(key)!).push(row.mean);
    }
    let worst = { rel: 0, where: '' };
    const failures: string[] = [];
    for (const [key, s] of Object.entries(sum)) {
      const p = projected.get(key);
      if (!p) continue;
      const total = key.endsWith('|total');
      for (let m = 1; m < s.length; m++) {
        const mean = s[m]! / n;
        const se = Math.sqrt(Math.max(0, sumSq[key]![m]! / n - mean * mean) / (n - 1));
        const rel = mean > 0 ? (p[m]! - mean) / mean : 0;
        const z = se > 0 ? (p[m]! - mean) / se : 0;
        if (key.startsWith('in_care|')) {
          if (!total && mean >= 15) {
            rms.categories.z2 += z * z;
            rms.categories.n++;
            if (Math.abs(rel) > Math.abs(worst.rel) && YEARS.includes(m / 12)) worst = { rel, where: `${key.slice(8)} ${m / 12} y, z ${z.toFixed(1)}` };
          }
          if (YEARS.includes(m / 12)) {
            const ok = total ? Math.abs(rel) <= 0.01 : Math.abs(rel) <= 0.03 || (mean < 15 && Math.abs(z) <= 3);
            if (!ok) failures.push(`${key} at ${m / 12} y ${(100 * rel).toFixed(2)}% (z ${z.toFixed(1)})`);
          }
        } else if (!total && mean >= 1) {
          rms.ages.z2 += z * z;
          rms.ages.n++;
        }
      }
    }
    failed += failures.length;
    const totalKey = 'in_care|total';
    const totals = YEARS.map((y) => (100 * (projected.get(totalKey)![12 * y]! - sum[totalKey]![12 * y]! / n)) / (sum[totalKey]![12 * y]! / n));
    console.log(`${file}: total ${totals.map((t) => `${t >= 0 ? '+' : ''}${t.toFixed(2)}`).join(' / ')}%; furthest category >= 15 at 1/3/5 y ${(100 * worst.rel).toFixed(2)}% (${worst.where})${failures.length ? `; FAIL ${failures.join(', ')}` : ''}`);
  }
  const r = (x: { z2: number; n: number }): string => (x.n > 0 ? Math.sqrt(x.z2 / x.n).toFixed(3) : 'n/a (no such series in the oracle)');
  console.log(`${label}: ${failed} checks failed; rms z over months 1-60: categories >= 15 ${r(rms.categories)}, age bands >= 1 ${r(rms.ages)}`);
}

const [command, a, b] = process.argv.slice(2);
if (command === 'simulate' && a && b && Number.isInteger(Number(a)) && Number(a) > 1) await simulate(Number(a), b);
else if (command === 'score' && a) await score(a, b ?? 'this build');
else usage();
