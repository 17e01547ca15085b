// Compares the means of two results.json files series by series, for a change that must be reported
// (`tsx bench/compare-results.ts <before> <after> [more pairs...]`, each a results.json or a directory
// holding one): the largest relative change of any value, of any value of at least 1 (children,
// placements or GBP), and of the total in care, with where each is.
import { readFileSync, statSync } from 'node:fs';
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

function compare(before: Row[], after: Row[]): { any: Largest; atLeastOne: Largest; total: Largest; series: number; missing: number } {
  const old = new Map(before.map((r) => [`${r.metric}|${r.category}|${r.date}`, r.mean]));
  const any: Largest = { relative: 0, where: '' };
  const atLeastOne: Largest = { relative: 0, where: '' };
  const total: Largest = { relative: 0, where: '' };
  let missing = 0;
  const series = new Set<string>();
  for (const r of after) {
    const key = `${r.metric}|${r.category}|${r.date}`;
    const was = old.get(key);
    series.add(`${r.metric}|${r.category}`);
    if (was === undefined) {
      missing++;
      continue;
    }
    const change = r.mean - was;
    const relative = was === 0 ? (change === 0 ? 0 : Infinity) : Math.abs(change / was);
    const where = `${key}: ${was.toPrecision(6)} -> ${r.mean.toPrecision(6)}`;
    if (relative > any.relative) Object.assign(any, { relative, where });
    if (Math.abs(was) >= 1 && relative > atLeastOne.relative) Object.assign(atLeastOne, { relative, where });
    if (r.metric === 'in_care' && r.category === 'total' && relative > total.relative) Object.assign(total, { relative, where });
  }
  return { any, atLeastOne, total, series: series.size, missing: missing + Math.max(0, before.length - after.length) };
}

const args = process.argv.slice(2);
if (args.length < 2 || args.length % 2 !== 0) {
  process.stderr.write('usage: tsx bench/compare-results.ts <before> <after> [<before> <after> ...]\n');
  process.exit(2);
}
const pct = (x: number): string => `${(100 * x).toFixed(3)}%`;
for (let i = 0; i < args.length; i += 2) {
  const c = compare(rows(args[i]!), rows(args[i + 1]!));
  console.log(`${args[i + 1]}: ${c.series} series${c.missing ? `, ${c.missing} values without a counterpart` : ''}`);
  console.log(`  largest relative change, any value: ${pct(c.any.relative)} (${c.any.where})`);
  console.log(`  of values of at least 1: ${pct(c.atLeastOne.relative)} (${c.atLeastOne.where})`);
  console.log(`  total in care: ${pct(c.total.relative)} (${c.total.where})`);
}
