// This build's model against another build's in fresh processes, alternating (A, B, A, B, ...; which
// goes first alternating by pair), so that neither V8's state in one process nor a spell of load favours
// one build (./model-pairs.ts pairs the two builds inside one process, which reads the build loaded first
// 2-4% dearer, session 21). Each process compiles the model with its build, runs `warm` replications
// (not timed), then `measured` more (replications warm .. warm + measured - 1, seed 1), and reports
// their CPU time and events; a pair's ratio is this build's CPU per replication over the other's.
//   pnpm exec tsx bench/model-fresh-pairs.ts <other build's packages/engine/dist/advanced.js> [pairs = 12] [anytown|england] [warm] [measured]
// Defaults: Anytown 60 warm-up and 400 measured replications; England scale (bench/england-scale.ts) 1 and 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cpuUsage } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModelParameters } from '@carecast/engine';
import type { compileModel, runReplication } from '@carecast/engine/advanced';
// Only node's own modules are imported statically, so that a child loads no engine but the one it times.
// Put the other build's dist beside this one (e.g. packages/engine/dist-main, a copy of main's dist) so
// that both resolve the same dependencies: main's dist in another clone, against a copy of itself in this
// tree, read x 0.938 and x 0.942 at England scale (10 pairs each, session 22).

type Engine = { compileModel: typeof compileModel; runReplication: typeof runReplication };
const here = fileURLToPath(import.meta.url);
// "This build" is this tree's engine, or with env CARECAST_FRESH_PAIRS_THIS=<dist/advanced.js> another
// (a build against a copy of itself shows the method's own bias).
const mine = process.env['CARECAST_FRESH_PAIRS_THIS'] ?? fileURLToPath(new URL('../packages/engine/dist/advanced.js', import.meta.url));

if (process.argv[2] === '--child') {
  const [, , , enginePath, paramsPath, warmText, measuredText] = process.argv;
  const engine = (await import(pathToFileURL(enginePath!).href)) as Engine;
  const model = engine.compileModel(JSON.parse(readFileSync(paramsPath!, 'utf8')) as ModelParameters);
  const warm = Number(warmText);
  const measured = Number(measuredText);
  for (let r = 0; r < warm; r++) engine.runReplication(model, 1, r);
  let events = 0;
  const c0 = cpuUsage();
  for (let r = warm; r < warm + measured; r++) events += engine.runReplication(model, 1, r).eventsFired;
  const c = cpuUsage(c0);
  console.log(JSON.stringify({ cpuUs: c.user + c.system, events }));
  process.exit(0);
}

const other = process.argv[2];
if (!other) throw new Error('usage: tsx bench/model-fresh-pairs.ts <other dist/advanced.js> [pairs] [anytown|england] [warm] [measured]');
const pairs = Number(process.argv[3] ?? 12);
const scale = process.argv[4] === 'england' ? 'england' : 'anytown';
const warm = Number(process.argv[5] ?? (scale === 'england' ? 1 : 60));
const measured = Number(process.argv[6] ?? (scale === 'england' ? 2 : 400));
// The parameters are worked out once here (England's exit factor by bisection takes seconds) and read by each child.
const { compileScenarioFile } = await import('@carecast/scenario');
const { englandScale } = await import('./england-scale.js');
const { quantile } = await import('./scale-pairs.js');
const repo = fileURLToPath(new URL('../', import.meta.url));
const baseline = (await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params;
const paramsPath = join(mkdtempSync(join(tmpdir(), 'carecast-fresh-pairs-')), 'params.json');
writeFileSync(paramsPath, JSON.stringify(scale === 'england' ? englandScale(baseline).params : baseline));

function fresh(enginePath: string): { cpuUs: number; events: number } {
  const run = spawnSync(process.execPath, [...process.execArgv, here, '--child', enginePath, paramsPath, String(warm), String(measured)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as { cpuUs: number; events: number };
}

const load0 = loadavg()[0]!;
const ratios: number[] = [];
const perEvent: [number, number][] = [];
for (let i = 0; i < pairs; i++) {
  let a: { cpuUs: number; events: number };
  let b: { cpuUs: number; events: number };
  if (i % 2 === 0) {
    a = fresh(mine);
    b = fresh(other);
  } else {
    b = fresh(other);
    a = fresh(mine);
  }
  if (a.events !== b.events) console.log(`pair ${i}: events differ, ${a.events} against ${b.events}`);
  ratios.push(a.cpuUs / b.cpuUs);
  perEvent.push([(a.cpuUs * 1000) / a.events, (b.cpuUs * 1000) / b.events]);
}
console.log(
  `${scale}, ${mine} over ${other}, fresh processes (${warm} warm-up, ${measured} measured): x ${quantile(ratios, 0.5).toFixed(3)}, median of ${pairs} pairs ` +
    `(quartiles ${quantile(ratios, 0.25).toFixed(3)}-${quantile(ratios, 0.75).toFixed(3)}, range ${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}); ` +
    `CPU per event ${quantile(perEvent.map((p) => p[0]), 0.5).toFixed(0)} against ${quantile(perEvent.map((p) => p[1]), 0.5).toFixed(0)} ns; ` +
    `load average ${load0.toFixed(1)} then ${loadavg()[0]!.toFixed(1)}`,
);
console.log(`ratios: ${ratios.map((r) => r.toFixed(3)).join(', ')}`);
rmSync(dirname(paramsPath), { recursive: true });
