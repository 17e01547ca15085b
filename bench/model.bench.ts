// Model throughput. Anytown (about 450 in care, 200 starts a year), 5 years x 1,000 replications on
// worker threads: target <= 3 s wall on a 2-core machine. The worker speed-up is measured on fewer
// replications. England scale (84,000 in care, 33,000 starts a year), 5 years x 20 replications:
// seconds and peak memory. Also the expected-value projection of Anytown.
import { availableParallelism } from 'node:os';
import { cpuUsage, resourceUsage } from 'node:process';
import { projectExpected, simulate, type ModelParameters } from '@carecast/engine';
import { anytownAtScale, anytownParameters } from './anytown-parameters.js';

const TARGET_SECONDS = 3;

/**
 * Wall seconds, and CPU seconds of this process (all threads): on a shared machine the wall time
 * depends on other loads, CPU / workers is what an idle machine would take at best.
 */
async function timed(params: ModelParameters, replications: number, workers: number) {
  const c0 = cpuUsage();
  const t0 = performance.now();
  const run = await simulate(params, { seed: 1, replications, workers });
  const seconds = (performance.now() - t0) / 1000;
  const c = cpuUsage(c0);
  return { seconds, cpuSeconds: (c.user + c.system) / 1e6, events: run.eventsFired, run };
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const cores = availableParallelism();

// Warm-up: JIT and worker start-up are paid by every real run too, but not twice.
await timed(anytownParameters, 4, 1);

const main = await timed(anytownParameters, 1000, cores);
const inCare = main.run.values.get('in_care|total')!;
const finalMean = inCare.reduce((s, series) => s + series.at(-1)!, 0) / inCare.length;
console.log(
  `Anytown 5 y x 1000 replications, ${cores} workers: ${main.seconds.toFixed(2)} s ` +
    `(target <= ${TARGET_SECONDS} s: ${main.seconds <= TARGET_SECONDS ? 'PASS' : 'FAIL'}), ` +
    `CPU ${main.cpuSeconds.toFixed(2)} s (CPU / ${cores} = ${(main.cpuSeconds / cores).toFixed(2)} s), ` +
    `${(main.events / main.seconds / 1e6).toFixed(2)} M events/s, ${main.events} events, mean in care at end ${finalMean.toFixed(1)}`,
);

const speedReps = 200;
const one = await timed(anytownParameters, speedReps, 1);
const two = await timed(anytownParameters, speedReps, 2);
console.log(
  `Anytown ${speedReps} replications: workers=1 ${one.seconds.toFixed(2)} s (CPU ${one.cpuSeconds.toFixed(2)} s), ` +
    `workers=2 ${two.seconds.toFixed(2)} s (CPU ${two.cpuSeconds.toFixed(2)} s); ` +
    `speed-up workers=2 vs workers=1: ${(one.seconds / two.seconds).toFixed(2)}x wall, ` +
    `${((2 * one.cpuSeconds) / two.cpuSeconds).toFixed(2)}x at equal CPU; ` +
    `one replication ${((one.seconds / speedReps) * 1000).toFixed(1)} ms, ${(one.events / one.seconds / 1e6).toFixed(2)} M events/s per thread`,
);

const evTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  projectExpected(anytownParameters);
  evTimes.push(performance.now() - t0);
}
console.log(`Anytown expected-value projection (5 y): ${Math.min(...evTimes).toFixed(0)} ms (best of 3; first ${evTimes[0]!.toFixed(0)} ms)`);

const england = anytownAtScale(84_000 / 450, 33_000 / 200);
const big = await timed(england, 20, cores);
const bigInCare = big.run.values.get('in_care|total')!;
console.log(
  `England scale 5 y x 20 replications, ${cores} workers: ${big.seconds.toFixed(1)} s (CPU ${big.cpuSeconds.toFixed(1)} s), ` +
    `${(big.events / big.seconds / 1e6).toFixed(2)} M events/s, ${(big.events / 20 / 1e6).toFixed(2)} M events per replication, ` +
    `in care ${bigInCare[0]![0]} at start, ${(bigInCare.reduce((s, x) => s + x.at(-1)!, 0) / 20).toFixed(0)} at end; ` +
    `peak RSS ${mb(resourceUsage().maxRSS * 1024)} (process and workers), heap now ${mb(process.memoryUsage().heapUsed)}`,
);
