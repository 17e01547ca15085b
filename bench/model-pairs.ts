// This build's model against another build's, in CPU pairs in one process (Anytown, scenarios/baseline.yaml,
// or with `england` last, the baseline at England scale, bench/england-scale.ts):
//   pnpm exec tsx bench/model-pairs.ts <other build's packages/engine/dist/advanced.js> [pairs] [replications a round] [england]
// Each round runs the same replications (seed 1) on both builds' `runReplication`, alternating which goes
// first so that a change of load on the shared machine favours neither, and prints the median ratio of
// CPU per replication (this build over the other) with its quartiles, and each build's CPU per event.
// Outputs may differ (the other build may draw other streams): the ratio is per replication, and the
// events per replication are printed for both.
import { cpuUsage } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { englandScale } from './england-scale.js';

type Engine = { compileModel: typeof compileModel; runReplication: typeof runReplication };

const otherPath = process.argv[2];
if (!otherPath) throw new Error('usage: tsx bench/model-pairs.ts <other dist/advanced.js> [pairs] [replications] [england]');
const england = process.argv[5] === 'england';
const pairs = Number(process.argv[3] ?? 16);
const replications = Number(process.argv[4] ?? (england ? 1 : 40));
const other = (await import(pathToFileURL(otherPath).href)) as Engine;
const repo = fileURLToPath(new URL('../', import.meta.url));
const baseline = (await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params;
const params = england ? englandScale(baseline).params : baseline;

/** CPU microseconds and events of replications [from, from + n) on one engine. */
function round(engine: Engine, model: ReturnType<typeof compileModel>, from: number, n: number): { cpuUs: number; events: number } {
  let events = 0;
  const c0 = cpuUsage();
  for (let r = from; r < from + n; r++) events += engine.runReplication(model, 1, r).eventsFired;
  const c = cpuUsage(c0);
  return { cpuUs: c.user + c.system, events };
}

const mine = { engine: { compileModel, runReplication } as Engine, model: compileModel(params) };
const theirs = { engine: other, model: other.compileModel(params) };
round(mine.engine, mine.model, 0, replications);
round(theirs.engine, theirs.model, 0, replications);
const ratios: number[] = [];
let mineUs = 0;
let theirsUs = 0;
let mineEvents = 0;
let theirsEvents = 0;
for (let i = 0; i < pairs; i++) {
  const from = replications * (i + 1);
  const order = i % 2 === 0 ? [mine, theirs] : [theirs, mine];
  const [a, b] = order.map((x) => round(x.engine, x.model, from, replications)) as [{ cpuUs: number; events: number }, { cpuUs: number; events: number }];
  const [m, t] = i % 2 === 0 ? [a, b] : [b, a];
  ratios.push(m.cpuUs / t.cpuUs);
  mineUs += m.cpuUs;
  theirsUs += t.cpuUs;
  mineEvents += m.events;
  theirsEvents += t.events;
}
ratios.sort((x, y) => x - y);
const q = (p: number): number => ratios[Math.min(ratios.length - 1, Math.floor(p * ratios.length))]!;
console.log(
  `${england ? 'England scale' : 'Anytown'}, this build over ${otherPath}: CPU per replication x ${q(0.5).toFixed(3)} (median of ${pairs} pairs of ${replications}; ` +
    `quartiles ${q(0.25).toFixed(3)}-${q(0.75).toFixed(3)}); CPU per event ${((mineUs * 1000) / mineEvents).toFixed(0)} against ${((theirsUs * 1000) / theirsEvents).toFixed(0)} ns; ` +
    `events per replication ${(mineEvents / pairs / replications).toFixed(0)} against ${(theirsEvents / pairs / replications).toFixed(0)}`,
);
