// The benches' CPU yardstick: a fixed workload that uses none of the project's code, so the goals
// stated against it do not move when the simulation or the projection gets faster (session 18; the
// yardstick before was one simulated replication of Anytown, which went from 3.7 ms to about 3.2 ms
// idle between 2 and 4 December and turned the 20 ms goal into about 17 ms).
//
// Definition (one "reference unit"): a binary min-heap of HEAP_SIZE times in a Float64Array, filled
// from a seeded xorshift32 generator, then HOLDS hold operations (pop the smallest time t, push
// t + an increment drawn uniformly from [0, 2)), as a discrete-event queue does; integer arithmetic and
// comparisons only (no Math.log: nothing a libm could round differently), and the checksum (the sum
// of the popped times) must equal CHECKSUM, so the workload cannot change unnoticed. Measured in the
// calling process, on its thread: WARM_UP units first (the JIT's tiers reached), then ROUNDS batches
// of BATCH units, each batch's CPU time (process.cpuUsage, user + system) over BATCH; the figure is
// the smallest batch figure (the one least disturbed by other loads).
//
// A goal of G ms (CPU, on the idle machine the project is measured on) is checked as the ratio
// G / REFERENCE_IDLE_MS of the unit measured in the same run: it holds on a loaded or another machine
// as long as both figures grow alike, and the ratio does not change when the project's code does.
import { cpuUsage } from 'node:process';

/** CPU ms of one unit on the project's 2-core machine when idle (Node 20.20, 4 December 2026; see the expected-value README, "Speed"). */
export const REFERENCE_IDLE_MS = 8.5;

const HEAP_SIZE = 4096;
const HOLDS = 100_000;
const SEED = 0x9e3779b9;
/** Sum of the popped times of one unit (exact: every time is a multiple of 2^-16 below 2^36). */
const CHECKSUM = 1261588.9920654297;

const WARM_UP = 20;
const BATCH = 10;
const ROUNDS = 5;

const heap = new Float64Array(HEAP_SIZE);

/** One unit of the workload (above); returns its checksum. */
export function referenceUnit(): number {
  let state = SEED;
  let size = 0;
  // Fill: times drawn uniformly from [0, 2), sifted up.
  for (let n = 0; n < HEAP_SIZE; n++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const x = (state >>> 15) / 65536;
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p <= x) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = x;
  }
  // Holds: the smallest time t replaced by t + an increment from [0, 2), sifted down from the top.
  let checksum = 0;
  for (let n = 0; n < HOLDS; n++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const top = heap[0]!;
    checksum += top;
    const x = top + (state >>> 15) / 65536;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let c = heap[child]!;
      const right = child + 1;
      if (right < size && heap[right]! < c) {
        child = right;
        c = heap[right]!;
      }
      if (x <= c) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = x;
  }
  return checksum;
}

/** The reference unit's CPU ms in this process, as defined above (throws if the workload changed). */
export function referenceUnitMs(): number {
  for (let i = 0; i < WARM_UP; i++) check(referenceUnit());
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    let sum = 0;
    const c0 = cpuUsage();
    for (let i = 0; i < BATCH; i++) sum += referenceUnit();
    const c = cpuUsage(c0);
    check(sum / BATCH);
    best = Math.min(best, (c.user + c.system) / 1000 / BATCH);
  }
  return best;
}

function check(checksum: number): void {
  if (checksum !== CHECKSUM) throw new Error(`reference workload changed: checksum ${checksum}, expected ${CHECKSUM}`);
}

/**
 * One goal line: `cpuMs` against the reference unit measured in this run, the ratio target of `goalMs`
 * (goalMs / REFERENCE_IDLE_MS) and PASS or FAIL on the ratio.
 */
export function goalLine(what: string, cpuMs: number, referenceMs: number, goalMs: number): string {
  const ratio = cpuMs / referenceMs;
  const target = goalMs / REFERENCE_IDLE_MS;
  return (
    `${ratio <= target ? 'PASS' : 'FAIL'} ${what}: CPU ${cpuMs.toFixed(1)} ms, ${ratio.toFixed(2)} x the reference unit ` +
    `(unit ${referenceMs.toFixed(2)} ms CPU in this run; target <= ${target.toFixed(2)} x: ${goalMs} ms at ${REFERENCE_IDLE_MS} ms a unit, the idle machine)`
  );
}
