/**
 * Wall milliseconds to start one worker thread and build the model in it, before it has run anything:
 * loading the engine's modules, cloning the parameters, compiling the model, and a cold JIT for its first
 * replications. bench/model.bench.ts measured about 0.6 s of CPU per worker on the 2-core reference
 * machine (Anytown: workers=2 took 2.1 s of CPU for 200 replications that take 0.84 s in one thread).
 * `simulate` replaces it by the start-up it measures once it has started a worker in this process.
 */
export const DEFAULT_WORKER_START_MS = 600;

/**
 * How many worker threads to start beside the main thread (0 to `threads` - 1) for `remaining`
 * replications of about `msPerReplication` each: as many as keep every thread's expected share of the
 * work (milliseconds) at least twice a worker's start-up `startMs`, so a worker is started only when
 * it can earn its start-up back many times over.
 */
export function workersWorthStarting(remaining: number, msPerReplication: number, threads: number, startMs: number): number {
  const work = remaining * msPerReplication;
  if (!(work > 0) || threads <= 1) return 0;
  const worthwhileThreads = Math.floor(work / (2 * Math.max(startMs, 1)));
  return Math.max(0, Math.min(threads, worthwhileThreads) - 1);
}
