// England's CPU per event over Anytown's, measured in alternating rounds in one process (issue 18,
// session 22, england14): how model.bench.ts's per-event goal and england-goal-study.ts time the two
// scales. Rounds of the two scales alternate (England x 1 replication against Anytown x 150, about the
// same number of events, a fraction of a second each), which goes first alternating too, so that a spell
// of load on the host's shared cache (england13: the line moves from x 1.05 to x 1.72 with a neighbour
// streaming memory) falls on both scales alike; each pair gives a ratio, and a process's figure is the
// median of its pairs. During each England round the other processes' CPU is read from /proc/stat
// (the machine's busy time less this process's own), so a reader sees when the machine was busy.
import { readFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';
import { runReplication, type CompiledModel } from '@carecast/engine/advanced';

/** Anytown replications a round: about as many events as one England-scale replication (0.88 M against 0.89 M). */
export const ANYTOWN_PER_PAIR = 150;

/** Busy seconds of the whole machine so far (user, nice, system, irq, softirq, steal in /proc/stat), or NaN off Linux. */
export function machineBusySeconds(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // /proc/stat counts in USER_HZ, 100 a second on Linux whatever the kernel's own tick.
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / 100;
  } catch {
    return Number.NaN;
  }
}

/** One pair: each scale's CPU nanoseconds per event, their ratio, and the other processes' cores busy during England's round. */
export interface ScalePair {
  anytownNs: number;
  englandNs: number;
  ratio: number;
  othersCores: number;
}

/** CPU nanoseconds per event of replications [from, from + n); with `busy`, the other processes' cores busy meanwhile. */
function round(model: CompiledModel, from: number, n: number, busy: { othersCores: number } | null): number {
  const b0 = busy ? machineBusySeconds() : 0;
  const w0 = performance.now();
  const c0 = cpuUsage();
  let events = 0;
  for (let r = from; r < from + n; r++) events += runReplication(model, 1, r).eventsFired;
  const c = cpuUsage(c0);
  const ownSeconds = (c.user + c.system) / 1e6;
  if (busy) busy.othersCores = Math.max(0, (machineBusySeconds() - b0 - ownSeconds) / ((performance.now() - w0) / 1000));
  return ((c.user + c.system) * 1000) / events;
}

/**
 * `pairs` pairs of England x 1 (replication 0 or 1, alternately) and Anytown x ANYTOWN_PER_PAIR
 * (replications 0-149 or 150-299), which goes first alternating. The models should have been run
 * before (compiled, warmed): this times rounds, not a first pass.
 */
export function scalePairs(anytown: CompiledModel, england: CompiledModel, pairs: number): ScalePair[] {
  const out: ScalePair[] = [];
  for (let i = 0; i < pairs; i++) {
    const busy = { othersCores: 0 };
    const from = i % 2;
    let anytownNs: number;
    let englandNs: number;
    if (i % 2 === 0) {
      anytownNs = round(anytown, from * ANYTOWN_PER_PAIR, ANYTOWN_PER_PAIR, null);
      englandNs = round(england, from, 1, busy);
    } else {
      englandNs = round(england, from, 1, busy);
      anytownNs = round(anytown, from * ANYTOWN_PER_PAIR, ANYTOWN_PER_PAIR, null);
    }
    out.push({ anytownNs, englandNs, ratio: englandNs / anytownNs, othersCores: busy.othersCores });
  }
  return out;
}

/** Element `p` of the way through `xs` sorted (0.25: lower quartile, 0.5 with an odd count: the median). */
export function quantile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}
