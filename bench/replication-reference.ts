// The benches' "one replication": warm CPU milliseconds of one simulated replication of Anytown
// (scenarios/baseline.yaml, 5 years), the reference the expected-value goals are ratios against.
//
// Definition: in this process, on one thread (workers: 1), seed 1: WARM_UP replications first (the
// JIT's tiers reached), then ROUNDS batches of BATCH replications, each batch's CPU time
// (process.cpuUsage, user + system) over BATCH; the reference is the smallest batch figure (the one
// least disturbed by other loads). bench/expected-value.bench.ts and bench/model.bench.ts both use it.
//
// Goals are stated in CPU milliseconds on the 2-core machine the forecasts issue was written on, when
// idle; there this reference measured REFERENCE_IDLE_MS. A goal of G ms is then the ratio
// G / REFERENCE_IDLE_MS of the reference measured in the same run, which holds on a loaded or another
// machine as long as both figures grow alike. A faster simulation lowers the reference: the ratio is
// then stricter than G ms, never looser.
import { cpuUsage } from 'node:process';
import { simulate, type ModelParameters } from '@carecast/engine';

/** The reference (CPU ms per replication) on the machine when idle (this definition, 2 December 2026). */
export const REFERENCE_IDLE_MS = 3.7;

const WARM_UP = 30;
const BATCH = 25;
const ROUNDS = 3;

/** Warm CPU ms of one replication of `baseline` (the compiled scenarios/baseline.yaml), as defined above. */
export async function replicationReferenceMs(baseline: ModelParameters): Promise<number> {
  await simulate(baseline, { seed: 1, replications: WARM_UP, workers: 1 });
  let best = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const c0 = cpuUsage();
    await simulate(baseline, { seed: 1, replications: BATCH, workers: 1 });
    const c = cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000 / BATCH);
  }
  return best;
}

/**
 * One goal line: `cpuMs` against the reference measured in this run, the ratio target of `goalMs`
 * (goalMs / REFERENCE_IDLE_MS) and PASS or FAIL on the ratio.
 */
export function goalLine(what: string, cpuMs: number, referenceMs: number, goalMs: number): string {
  const ratio = cpuMs / referenceMs;
  const target = goalMs / REFERENCE_IDLE_MS;
  return (
    `${ratio <= target ? 'PASS' : 'FAIL'} ${what}: CPU ${cpuMs.toFixed(1)} ms, ${ratio.toFixed(2)} x one replication ` +
    `(reference ${referenceMs.toFixed(2)} ms CPU in this run; target <= ${target.toFixed(2)} x: ${goalMs} ms at ${REFERENCE_IDLE_MS} ms a replication, the idle reference machine)`
  );
}
