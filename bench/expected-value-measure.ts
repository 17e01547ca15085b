// The warm expected-value measurement, defined once: bench/expected-value.bench.ts and
// bench/model.bench.ts both print it (same warm-up, same statistic, same reference), so their figures
// are one measurement taken twice, not two definitions.
//
// Definition: CPU time (process.cpuUsage, user + system) of projectExpected on the compiled
// scenarios/baseline.yaml (Anytown, 5 years; compiling the parameters and writing the rows included),
// WARM_UP calls first, then the best of RUNS calls. Warm means settled: V8 settles the projection
// after 15-20 calls of a process (expected-value README, "Speed"), and the explorer's preview worker
// makes 15 projections when the page opens, before the first lever moves; the best of the early
// calls 4-12 (the bench's figure before session 18) is printed beside it for information. It is set
// against the reference unit
// (./reference-workload.ts, a fixed workload outside the project's code) measured in the same process
// just before, and the goal of issue 12: 20 ms on the idle machine.
//
// The verdict is taken over PROCESSES fresh processes (./expected-value-child.ts), the median of their
// ratios, all of them printed: one process's figure is one draw of the machine's luck (session 20: the
// same build read 20 ms and 31-33 ms in consecutive processes on the idle machine, the slow ones slow
// in every call while the reference unit, a cache-resident loop, was not; as in bench/kernel.bench.ts).
import { spawnSync } from 'node:child_process';
import { cpuUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { projectExpected, type ExpectedValueOptions, type ModelParameters } from '@carecast/engine';
import { goalLine } from './reference-workload.js';

/** Goal of issue 12 for a warm supply-aware projection of Anytown over 5 years, CPU ms on the idle reference machine. */
export const EV_WARM_TARGET_MS = 20;
const WARM_UP = 20;
const RUNS = 9;
/** The early calls printed for information: the best of calls EARLY_FROM..EARLY_TO (1-based) of the process. */
const EARLY_FROM = 4;
const EARLY_TO = 12;

/** CPU milliseconds of one call of `f`. */
export function cpuMs(f: () => unknown): number {
  const c0 = cpuUsage();
  f();
  const c = cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

/** Fresh processes measuring the verdict (odd, so the median is one of them). */
const PROCESSES = 5;

/** CPU ms of each of WARM_UP + RUNS calls of `f`, in order. */
export function callCpuMs(f: () => unknown): number[] {
  return Array.from({ length: WARM_UP + RUNS }, () => cpuMs(f));
}

/** Best CPU ms of RUNS calls of `f` after WARM_UP calls. */
export function bestWarmCpuMs(f: () => unknown): number {
  return Math.min(...callCpuMs(f).slice(WARM_UP));
}

/** Warm CPU ms of projectExpected(baseline, options), as defined above. */
export function expectedValueWarmCpuMs(baseline: ModelParameters, options?: ExpectedValueOptions): number {
  return bestWarmCpuMs(() => projectExpected(baseline, options));
}

/** One fresh process's measurement: its reference unit and the CPU ms of its calls, in order. */
interface ProcessMeasurement {
  referenceMs: number;
  callsMs: number[];
}

function measureInFreshProcess(): ProcessMeasurement {
  const child = fileURLToPath(new URL('./expected-value-child.ts', import.meta.url));
  const run = spawnSync(process.execPath, [...process.execArgv, child], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`expected-value bench child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ProcessMeasurement;
}

/**
 * The goal line of the warm supply-aware projection of Anytown, measured in PROCESSES fresh processes
 * (each: the reference unit first, then the calls); the verdict is the median process by its ratio.
 * Returns the line and that process's figures.
 */
export function expectedValueWarmGoal(): { line: string; cpuMs: number; referenceMs: number } {
  const processes = Array.from({ length: PROCESSES }, () => {
    const m = measureInFreshProcess();
    const ms = Math.min(...m.callsMs.slice(WARM_UP));
    return { ms, referenceMs: m.referenceMs, ratio: ms / m.referenceMs, early: Math.min(...m.callsMs.slice(EARLY_FROM - 1, EARLY_TO)) };
  });
  const ranked = [...processes].sort((a, b) => a.ratio - b.ratio);
  const median = ranked[PROCESSES >> 1]!;
  const line =
    goalLine(
      `Anytown expected-value projection, warm (5 y, supply-aware, best of ${RUNS} after ${WARM_UP} warm-up calls; median of ${PROCESSES} fresh processes)`,
      median.ms,
      median.referenceMs,
      EV_WARM_TARGET_MS,
    ) +
    `; the processes in order: ${processes.map((p) => `${p.ratio.toFixed(2)} x (${p.ms.toFixed(1)} ms)`).join(', ')}` +
    `; for information: best of calls ${EARLY_FROM}-${EARLY_TO}, before V8 settles, ${median.early.toFixed(1)} ms in the median process`;
  return { line, cpuMs: median.ms, referenceMs: median.referenceMs };
}
