// The warm expected-value measurement, defined once: bench/expected-value.bench.ts and
// bench/model.bench.ts both print it (same warm-up, same statistic, same reference), so their figures
// are one measurement taken twice, not two definitions.
//
// Definition: CPU time (process.cpuUsage, user + system) of projectExpected on the compiled
// scenarios/baseline.yaml (Anytown, 5 years; compiling the parameters and writing the rows included),
// WARM_UP calls first, then the best of RUNS calls; set against the reference unit
// (./reference-workload.ts, a fixed workload outside the project's code) measured in the same process
// just before, and the goal of issue 12: 20 ms on the idle machine.
import { cpuUsage } from 'node:process';
import { projectExpected, type ExpectedValueOptions, type ModelParameters } from '@carecast/engine';
import { goalLine, referenceUnitMs } from './reference-workload.js';

/** Goal of issue 12 for a warm supply-aware projection of Anytown over 5 years, CPU ms on the idle reference machine. */
export const EV_WARM_TARGET_MS = 20;
const WARM_UP = 3;
const RUNS = 9;

/** CPU milliseconds of one call of `f`. */
export function cpuMs(f: () => unknown): number {
  const c0 = cpuUsage();
  f();
  const c = cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Best CPU ms of RUNS calls of `f` after WARM_UP calls. */
export function bestWarmCpuMs(f: () => unknown): number {
  for (let i = 0; i < WARM_UP; i++) f();
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) best = Math.min(best, cpuMs(f));
  return best;
}

/** Warm CPU ms of projectExpected(baseline, options), as defined above. */
export function expectedValueWarmCpuMs(baseline: ModelParameters, options?: ExpectedValueOptions): number {
  return bestWarmCpuMs(() => projectExpected(baseline, options));
}

/**
 * The goal line of the warm supply-aware projection: the reference unit measured first in this process,
 * then the projection; returns the line and both figures.
 */
export async function expectedValueWarmGoal(baseline: ModelParameters): Promise<{ line: string; cpuMs: number; referenceMs: number }> {
  const referenceMs = referenceUnitMs();
  const ms = expectedValueWarmCpuMs(baseline);
  const line = goalLine(`Anytown expected-value projection, warm (5 y, supply-aware, best of ${RUNS} after ${WARM_UP} warm-up calls)`, ms, referenceMs, EV_WARM_TARGET_MS);
  return { line, cpuMs: ms, referenceMs };
}
