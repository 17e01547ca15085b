// Cache study for model.bench.ts's "England per event over Anytown's" line (issue 18, session 15):
// runs replications 0..n-1 of Anytown (scenarios/baseline.yaml) or of the England-scale model (the
// baseline scaled as model.bench.ts scales it) in this thread and prints the events fired. Run it under
// `valgrind --tool=cachegrind --cache-sim=yes` at two replication counts: the difference of the two
// runs' counts over the difference of their events is the marginal cost of an event, start-up and
// compilation cancelled.
//   pnpm exec tsx bench/model-cache-study.ts anytown|england REPLICATIONS [EXIT_FACTOR]
// (England's exit factor is printed when not given: pass it to skip the bisection under valgrind.)
import { fileURLToPath } from 'node:url';
import { projectExpected, type ModelParameters } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';

const [which = 'anytown', count = '1', exitFactor] = process.argv.slice(2);
const repo = fileURLToPath(new URL('../', import.meta.url));
const baseline = (await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params;

const sum = (xs: Iterable<number>): number => [...xs].reduce((a, b) => a + b, 0);
const inCareTotal = (p: ModelParameters): number => sum((p.initialPopulation.counts ?? []).map((c) => c.count));
const startsPerYear = (p: ModelParameters): number => sum(Object.values(p.entries.perYear)) + (p.uasc?.perYear ?? 0);
/** As model.bench.ts's atScale. */
function atScale(p: ModelParameters, stockFactor: number, startsFactor: number, exitFactor: number): ModelParameters {
  const s = structuredClone(p);
  for (const cell of s.initialPopulation.counts ?? []) cell.count = Math.round(cell.count * stockFactor);
  for (const band of Object.keys(s.entries.perYear) as (keyof typeof s.entries.perYear)[]) {
    s.entries.perYear[band] = s.entries.perYear[band]! * startsFactor;
  }
  if (s.uasc) s.uasc.perYear *= startsFactor;
  for (const spec of Object.values(s.supply.capacity)) {
    if ('beds' in spec) spec.beds = Math.round(spec.beds * stockFactor);
    else {
      spec.households = Math.round(spec.households * stockFactor);
      spec.recruitmentPerYear = (spec.recruitmentPerYear ?? 0) * stockFactor;
    }
  }
  for (const rate of s.transitions.rates) if ('exit' in rate.to) rate.perYear *= exitFactor;
  return s;
}
const endOverStart = (p: ModelParameters): number => {
  const rows = projectExpected(p).filter((r) => r.metric === 'in_care' && r.category === 'total');
  return rows.at(-1)!.mean / rows[0]!.mean;
};
/** The England-scale model; `exitFactor` found by model.bench.ts's bisection unless given (argument 3). */
function england(given?: number): ModelParameters {
  const stockFactor = 84_000 / inCareTotal(baseline);
  const startsFactor = 33_000 / startsPerYear(baseline);
  if (given !== undefined) return atScale(baseline, stockFactor, startsFactor, given);
  const balance = endOverStart(baseline);
  let [low, high] = [0.5, 1.5];
  for (let i = 0; i < 12; i++) {
    const mid = (low + high) / 2;
    if (endOverStart(atScale(baseline, stockFactor, startsFactor, mid)) > balance) low = mid;
    else high = mid;
  }
  console.log(JSON.stringify({ exitFactor: (low + high) / 2 }));
  return atScale(baseline, stockFactor, startsFactor, (low + high) / 2);
}

const model = compileModel(which === 'england' ? england(exitFactor === undefined ? undefined : Number(exitFactor)) : baseline);
let events = 0;
for (let r = 0; r < Number(count); r++) events += runReplication(model, 1, r).eventsFired;
console.log(JSON.stringify({ which, replications: Number(count), events }));
