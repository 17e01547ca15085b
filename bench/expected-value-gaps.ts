// Series by series, the expected-value projection against a Monte Carlo run of the same scenario, in
// standard errors of the Monte Carlo mean, run by hand (`tsx bench/expected-value-gaps.ts
// <expected-value results.json or its directory> <monte-carlo results.json or its directory>
// [substring of metric|category ...]`): per series the first month whose gap is beyond 3 standard
// errors (where it starts to depart), its largest |z|, and projection − mean at 1, 3 and 5 years. The
// standard error is read back from the run's 95% interval of the mean: half-width / t(0.975, n − 1).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { studentTQuantile } from '@carecast/engine/advanced';

interface Row {
  date: string;
  metric: string;
  category: string;
  mean: number;
  ci95_high: number;
}
interface Results {
  replications: number;
  series: Row[];
}

const read = (path: string): Results => JSON.parse(readFileSync(statSync(path).isDirectory() ? join(path, 'results.json') : path, 'utf8')) as Results;
const [expectedPath, monteCarloPath, ...filters] = process.argv.slice(2);
if (!expectedPath || !monteCarloPath) {
  process.stderr.write('usage: tsx bench/expected-value-gaps.ts <expected-value results.json> <monte-carlo results.json> [filter ...]\n');
  process.exit(2);
}
const ev = read(expectedPath);
const mc = read(monteCarloPath);
const t975 = studentTQuantile(0.975, mc.replications - 1);
const projected = new Map(ev.series.map((r) => [`${r.metric}|${r.category}|${r.date}`, r.mean]));
const bySeries = new Map<string, Row[]>();
for (const r of mc.series) {
  const key = `${r.metric}|${r.category}`;
  if (filters.length > 0 && !filters.some((f) => key.includes(f))) continue;
  let list = bySeries.get(key);
  if (!list) bySeries.set(key, (list = []));
  list.push(r);
}
const fmt = (x: number, d = 2): string => (x >= 0 ? '+' : '') + x.toFixed(d);
for (const [key, list] of bySeries) {
  let first = '';
  let worst = 0;
  let worstAt = '';
  const years: string[] = [];
  list.forEach((r, i) => {
    const p = projected.get(`${key}|${r.date}`);
    if (p === undefined) return;
    const se = (r.ci95_high - r.mean) / t975;
    const z = se > 0 ? (p - r.mean) / se : p === r.mean ? 0 : Infinity;
    if (!first && Math.abs(z) > 3) first = `${r.date} (z ${fmt(z, 1)})`;
    if (Math.abs(z) > Math.abs(worst)) [worst, worstAt] = [z, r.date];
    if (i === 12 || i === 36 || i === 60) years.push(`${r.mean.toFixed(2)}±${se.toFixed(2)} → ${p.toFixed(2)} (${fmt(z, 1)})`);
  });
  console.log(`${key}: first |z| > 3 ${first || 'never'}; largest z ${fmt(worst, 1)} (${worstAt}); 1/3/5 y: ${years.join('; ')}`);
}
