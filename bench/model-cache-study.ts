// Cache study for model.bench.ts's "England per event over Anytown's" line (issue 18, session 15):
// runs replications 0..n-1 of Anytown (scenarios/baseline.yaml) or of the England-scale model (the
// baseline scaled as model.bench.ts scales it) in this thread and prints the events fired. Run it under
// `valgrind --tool=cachegrind --cache-sim=yes` at two replication counts: the difference of the two
// runs' counts over the difference of their events is the marginal cost of an event, start-up and
// compilation cancelled.
//   pnpm exec tsx bench/model-cache-study.ts anytown|england REPLICATIONS [EXIT_FACTOR]
// (England's exit factor is printed when not given: pass it to skip the bisection under valgrind.)
import { fileURLToPath } from 'node:url';
import type { ModelParameters } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { englandScale } from './england-scale.js';

const [which = 'anytown', count = '1', exitFactor] = process.argv.slice(2);
const repo = fileURLToPath(new URL('../', import.meta.url));
const baseline = (await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params;

/** The England-scale model; `exitFactor` found by bench/england-scale.ts's bisection unless given (argument 3). */
function england(given?: number): ModelParameters {
  const scaled = englandScale(baseline, given);
  if (given === undefined) console.log(JSON.stringify({ exitFactor: scaled.exitFactor }));
  return scaled.params;
}

const model = compileModel(which === 'england' ? england(exitFactor === undefined ? undefined : Number(exitFactor)) : baseline);
let events = 0;
for (let r = 0; r < Number(count); r++) events += runReplication(model, 1, r).eventsFired;
console.log(JSON.stringify({ which, replications: Number(count), events }));
