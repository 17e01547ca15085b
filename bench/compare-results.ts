// Compares the means of two results.json files series by series, for a change that must be reported
// (`tsx bench/compare-results.ts <before> <after> [more pairs...]`, each a results.json, a directory
// holding one, or a directory of scenario directories each holding one, e.g. `carecast run <scenario>
// --mode expected-value --out <dir>/<name>` for every scenario of scenarios/ on two builds): the
// largest relative change of any value, of any value of at least 1 (children, placements or GBP), and
// of the total in care, with where each is, and how many values are identical to the bit.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Row {
  date: string;
  metric: string;
  category: string;
  mean: number;
}

function rows(path: string): Row[] {
  const file = statSync(path).isDirectory() ? join(path, 'results.json') : path;
  return (JSON.parse(readFileSync(file, 'utf8')) as { series: Row[] }).series;
}

interface Largest {
  relative: number;
  where: string;
}

function compare(before: Row[], after: Row[]): { any: Largest; atLeastOne: Largest; total: Largest; series: number; missing: number; identical: number } {
  const old = new Map(before.map((r) => [`${r.metric}|${r.category}|${r.date}`, r.mean]));
  const any: Largest = { relative: 0, where: '' };
  const atLeastOne: Largest = { relative: 0, where: '' };
  const total: Largest = { relative: 0, where: '' };
  let missing = 0;
  let identical = 0;
  const series = new Set<string>();
  for (const r of after) {
    const key = `${r.metric}|${r.category}|${r.date}`;
    const was = old.get(key);
    series.add(`${r.metric}|${r.category}`);
    if (was === undefined) {
      missing++;
      continue;
    }
    if (Object.is(was, r.mean)) identical++;
    const change = r.mean - was;
    const relative = was === 0 ? (change === 0 ? 0 : Infinity) : Math.abs(change / was);
    const where = `${key}: ${was.toPrecision(6)} -> ${r.mean.toPrecision(6)}`;
    if (relative > any.relative) Object.assign(any, { relative, where });
    if (Math.abs(was) >= 1 && relative > atLeastOne.relative) Object.assign(atLeastOne, { relative, where });
    if (r.metric === 'in_care' && r.category === 'total' && relative > total.relative) Object.assign(total, { relative, where });
  }
  return { any, atLeastOne, total, series: series.size, missing: missing + Math.max(0, before.length - after.length), identical };
}

const args = process.argv.slice(2);
if (args.length < 2 || args.length % 2 !== 0) {
  process.stderr.write('usage: tsx bench/compare-results.ts <before> <after> [<before> <after> ...]\n');
  process.exit(2);
}
const pct = (x: number): string => `${(100 * x).toFixed(3)}%`;
/** The (before, after) results.json pairs an argument pair names: itself, or its scenario directories present in both. */
function pairs(before: string, after: string): [string, string][] {
  const holdsOne = (p: string): boolean => !statSync(p).isDirectory() || existsSync(join(p, 'results.json'));
  if (holdsOne(before) && holdsOne(after)) return [[before, after]];
  return readdirSync(before)
    .filter((d) => !d.startsWith('.') && existsSync(join(before, d, 'results.json')) && existsSync(join(after, d, 'results.json')))
    .sort()
    .map((d) => [join(before, d), join(after, d)]);
}
for (let i = 0; i < args.length; i += 2) {
  for (const [before, after] of pairs(args[i]!, args[i + 1]!)) {
    const c = compare(rows(before), rows(after));
    console.log(`${after}: ${c.series} series, ${c.identical} values identical to the bit${c.missing ? `, ${c.missing} values without a counterpart` : ''}`);
    console.log(`  largest relative change, any value: ${pct(c.any.relative)} (${c.any.where})`);
    console.log(`  of values of at least 1: ${pct(c.atLeastOne.relative)} (${c.atLeastOne.where})`);
    console.log(`  total in care: ${pct(c.total.relative)} (${c.total.where})`);
  }
}
