// Study of model.bench.ts's goal line "England scale per-event CPU over Anytown's" (issue 18, session 21,
// england13): what that line times, phase by phase, in one fresh process as the bench's child runs it.
// For each phase it prints CPU (and system) milliseconds, events and minor page faults (first touches of
// memory the process had not used): a first pass over the replications (where the bench records the
// queue; not wrapped here), the warm-up, and each round of each scale. For the garbage collector, run it
// as `node --import tsx --trace-gc bench/england-goal-study.ts` with STUDY_MARK=1 (marks where each scale starts).
//   pnpm exec tsx bench/england-goal-study.ts [england replications a round = 2] [england rounds = 2] [england first = 0]
// The bench's child records and warms Anytown (300 a round, 3 rounds) first, then England (2 a round,
// 3 rounds since session 21), then times the per-event goal in alternating pairs (STUDY_PAIRS below,
// since session 22); `1` as third argument runs England first (in a process that has not yet run Anytown).
import { cpuUsage, resourceUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import type { ModelParameters } from '@carecast/engine';
import { compileModel, runReplication, type CompiledModel } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { englandScale } from './england-scale.js';
import { quantile, scalePairs } from './scale-pairs.js';

const [englandPerRound = 2, englandRounds = 2, englandFirst = 0] = process.argv.slice(2).map(Number);
const repo = fileURLToPath(new URL('../', import.meta.url));
const baseline = (await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params;
const { params: england } = englandScale(baseline);

interface Phase {
  name: string;
  cpuMs: number;
  sysMs: number;
  events: number;
  faults: number;
}
const phases: Phase[] = [];

/** Runs replications [from, from + n) and records the phase. */
function phase(name: string, model: CompiledModel, from: number, n: number): Phase {
  const f0 = resourceUsage().minorPageFault;
  const c0 = cpuUsage();
  let events = 0;
  for (let r = from; r < from + n; r++) events += runReplication(model, 1, r).eventsFired;
  const c = cpuUsage(c0);
  const faults = resourceUsage().minorPageFault - f0;
  const p = { name, cpuMs: (c.user + c.system) / 1000, sysMs: c.system / 1000, events, faults };
  phases.push(p);
  return p;
}

function scale(name: string, params: ModelParameters, perRound: number, rounds: number): number[] {
  const model = compileModel(params);
  if (process.env['STUDY_MARK']) console.log(`=== ${name} starts`);
  phase(`${name} first pass (0..${perRound - 1})`, model, 0, perRound);
  phase(`${name} warm-up (0..${Math.min(perRound, 20) - 1})`, model, 0, Math.min(perRound, 20));
  const perEvent: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const p = phase(`${name} round ${i + 1} (0..${perRound - 1})`, model, 0, perRound);
    perEvent.push(p.cpuMs / p.events);
  }
  return perEvent;
}

const runAnytown = () => scale('Anytown', baseline, 300, 3);
const runEngland = () => scale('England', england, englandPerRound, englandRounds);
let a: number[];
let e: number[];
if (englandFirst) {
  e = runEngland();
  a = runAnytown();
} else {
  a = runAnytown();
  e = runEngland();
}
for (const p of phases) {
  console.log(
    `${p.name.padEnd(32)} CPU ${p.cpuMs.toFixed(0).padStart(6)} ms (sys ${p.sysMs.toFixed(0)})  ${(p.events / 1e6).toFixed(3)} M events  ` +
      `${((p.cpuMs * 1e6) / p.events).toFixed(0).padStart(4)} ns/event  minor faults ${String(p.faults).padStart(7)} ` +
      `(${((p.faults * 1e6) / p.events).toFixed(0)} per M events)`,
  );
}
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
console.log(
  `bench's figure (median index length>>1): England ${(median(e) * 1e6).toFixed(0)} over Anytown ${(median(a) * 1e6).toFixed(0)} ns = x ${(median(e) / median(a)).toFixed(3)}; ` +
    `England rounds ${e.map((x) => (x * 1e6).toFixed(0)).join(', ')}; lowest round x ${(Math.min(...e) / median(a)).toFixed(3)}`,
);

// With env STUDY_PAIRS=n: then n pairs in this process, as model.bench.ts's per-event goal times them
// (./scale-pairs.ts: England x 1 and Anytown x 150 alternating which goes first), each pair's
// England-over-Anytown CPU per event printed with the time since the start and the other processes'
// CPU during England's round: whether the ratio moves within one process (the machine) or only between
// processes (V8's state).
const pairs = Number(process.env['STUDY_PAIRS'] ?? 0);
if (pairs > 0) {
  const t0 = performance.now();
  const rows = scalePairs(compileModel(baseline), compileModel(england), pairs);
  const seconds = ((performance.now() - t0) / 1000 / pairs).toFixed(2);
  console.log(rows.map((p, i) => `${i}: ${p.anytownNs.toFixed(0)}/${p.englandNs.toFixed(0)} x${p.ratio.toFixed(2)} others ${p.othersCores.toFixed(2)}`).join('; '));
  const ratios = rows.map((p) => p.ratio);
  console.log(
    `pairs (${seconds} s each): median x ${quantile(ratios, 0.5).toFixed(3)}, quartiles ${quantile(ratios, 0.25).toFixed(2)}-${quantile(ratios, 0.75).toFixed(2)}, ` +
      `range ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`,
  );
  // England's pairs split by the other processes' CPU during its round (below and above 0.5 of a core).
  for (const [label, keep] of [['others < 0.5 core', (o: number) => o < 0.5], ['others >= 0.5 core', (o: number) => o >= 0.5]] as const) {
    const sel = rows.filter((p) => keep(p.othersCores)).map((p) => p.ratio);
    if (sel.length > 0) console.log(`${label}: ${sel.length} pairs, median x ${quantile(sel, 0.5).toFixed(3)}, range ${Math.min(...sel).toFixed(2)}-${Math.max(...sel).toFixed(2)}`);
  }
}
