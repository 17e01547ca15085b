// How far two sets of results moved: for every scenario directory present in both, every row of
// results.json matched by (metric, category, date), the largest relative change of its mean and the
// count of rows identical to the bit. Used to report what a change to the expected-value projection
// moved, e.g. `carecast run <scenario> --mode expected-value --out <dir>/<name>` for every scenario
// of scenarios/ on two builds, then:
//   pnpm exec tsx bench/compare-results.ts <before-dir> <after-dir>
import { readdirSync, readFileSync } from 'node:fs';

interface Row {
  date: string;
  metric: string;
  category: string;
  mean: number;
}

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  console.error('usage: tsx bench/compare-results.ts <before-dir> <after-dir>');
  process.exit(2);
}
const rowsOf = (dir: string, name: string): Row[] => (JSON.parse(readFileSync(`${dir}/${name}/results.json`, 'utf8')) as { series: Row[] }).series;
const key = (r: Row): string => `${r.metric}|${r.category}|${r.date}`;
let largest = { relative: 0, where: '' };
for (const name of readdirSync(before).filter((d) => !d.startsWith('.')).sort()) {
  const a = rowsOf(before, name);
  const b = new Map(rowsOf(after, name).map((r) => [key(r), r]));
  let identical = 0;
  let worst = { relative: 0, where: '' };
  for (const r of a) {
    const q = b.get(key(r));
    if (!q) {
      console.log(`${name}: ${key(r)} missing after`);
      continue;
    }
    if (q.mean === r.mean) {
      identical++;
      continue;
    }
    const relative = Math.abs(q.mean - r.mean) / Math.abs(r.mean);
    if (relative > worst.relative) worst = { relative, where: `${name} ${key(r)}: ${r.mean} -> ${q.mean}` };
  }
  console.log(`${name}: ${a.length} rows (${b.size} after), ${identical} identical; largest relative change ${worst.relative.toExponential(2)} ${worst.where}`);
  if (worst.relative > largest.relative) largest = worst;
}
console.log(`largest relative change of any row: ${largest.relative.toExponential(2)} ${largest.where}`);
