// Queue study for model.bench.ts's "England per event over Anytown's" line (issue 18, session 16): how
// much of an event's CPU is the kernel's event queue at each scale. For Anytown (scenarios/baseline.yaml)
// and the England-scale model (bench/england-scale.ts), it records every operation the model makes on
// its queue (push with time and priority, cancel, pop), replays them alone on a new BucketQueue (the
// queue CodedSimulator keeps; same operations, so the same order, checked on the codes popped), and
// times, in alternating rounds in this process (CPU time), the model's replications and the replay.
// The model's CPU per event less the queue's is what the model's own handlers, set-up and month ends cost.
// Then the CPU per event of the model at populations between Anytown's and England's (the baseline
// scaled as England is, by 1/187 to 1, about the same events per replication-year per child), in
// alternating rounds: where the per-event cost starts to grow with the number of children.
//   pnpm exec tsx bench/model-queue-study.ts [ANYTOWN_REPLICATIONS=300] [ROUNDS=5]
// With `--against <other build's packages/engine/dist>`, it pairs this build against the other instead
// (session 19): the recorded operations replayed on both builds' BucketQueue, then both builds' model
// (`runReplication`), each at both scales, in CPU pairs alternating which goes first; it prints the
// median ratio (this build over the other) with its quartiles, and checks the replays pop alike.
//   pnpm exec tsx bench/model-queue-study.ts --against ../main/packages/engine/dist [PAIRS=12] [queue|model|both]
import { cpuUsage } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModelParameters } from '@carecast/engine';
import { compileModel, runReplication, type CompiledModel } from '@carecast/engine/advanced';
import { BucketQueue } from '@carecast/engine/kernel';
import { compileScenarioFile } from '@carecast/scenario';
import { atScale, englandScale, ENGLAND_IN_CARE, ENGLAND_STARTS_PER_YEAR, inCareTotal, startsPerYear } from './england-scale.js';

const against = process.argv[2] === '--against' ? process.argv[3] : undefined;
const [anytownReplications = '300', roundsText = '5'] = against === undefined ? process.argv.slice(2) : [];
const repo = fileURLToPath(new URL('../', import.meta.url));
const baseline = (await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params;

const PUSH = 0;
const CANCEL = 1;
const POP = 2;

/**
 * One replication's queue operations: kind, then time (push), push index (cancel) or `until` (pop);
 * priority and code of each push; a hash of the codes popped, in order (`popOrder`).
 */
interface QueueOps {
  kinds: Uint8Array;
  values: Float64Array;
  priorities: Float64Array;
  codes: Float64Array;
  pushes: number;
  popHash: number;
}

/** Folds a popped code into a hash of the order of pops. */
const popOrder = (hash: number, code: number): number => (Math.imul(hash, 31) + code) | 0;

/** The parts of BucketQueue the recording wraps (all public). */
interface Recorded {
  push(time: number, priority: number, code: number): number;
  cancel(handle: number): boolean;
  popUntil(until: number): number | undefined;
}

/**
 * Runs replications 0..n-1 with the model's queue recorded (a separate pass, not timed); by default
 * this build's, else another build's queue class and `runReplication`.
 */
function record(model: CompiledModel, n: number, queueClass: { prototype: unknown } = BucketQueue, run: typeof runReplication = runReplication): QueueOps[] {
  const proto = queueClass.prototype as Recorded;
  const { push, cancel, popUntil } = proto;
  let kinds: number[] = [];
  let values: number[] = [];
  let priorities: number[] = [];
  let codes: number[] = [];
  let pushIndex = new Map<number, number>();
  let popHash = 0;
  proto.push = function (time, priority, code) {
    const handle = push.call(this, time, priority, code);
    pushIndex.set(handle, priorities.length);
    kinds.push(PUSH);
    values.push(time);
    priorities.push(priority);
    codes.push(code);
    return handle;
  };
  proto.cancel = function (handle) {
    const done = cancel.call(this, handle);
    if (done) {
      kinds.push(CANCEL);
      values.push(pushIndex.get(handle)!);
    }
    return done;
  };
  proto.popUntil = function (until) {
    kinds.push(POP);
    values.push(until);
    const code = popUntil.call(this, until);
    if (code !== undefined) popHash = popOrder(popHash, code);
    return code;
  };
  const ops: QueueOps[] = [];
  try {
    for (let r = 0; r < n; r++) {
      run(model, 1, r);
      ops.push({
        kinds: Uint8Array.from(kinds),
        values: Float64Array.from(values),
        priorities: Float64Array.from(priorities),
        codes: Float64Array.from(codes),
        pushes: priorities.length,
        popHash,
      });
      [kinds, values, priorities, codes, pushIndex, popHash] = [[], [], [], [], new Map(), 0];
    }
  } finally {
    Object.assign(proto, { push, cancel, popUntil });
  }
  return ops;
}

/**
 * The operations replayed on one BucketQueue (reset between replications, as CodedSimulator's is); a
 * pushed event's code is its push index, so the order of pops is checked against the model's by
 * mapping each back to the code the model pushed. Returns the CPU seconds.
 */
function replay(ops: QueueOps[], queue: Pick<BucketQueue, 'reset' | 'push' | 'cancel' | 'popUntil'>, startDay: number): number {
  const start = cpuUsage();
  for (const o of ops) {
    queue.reset(startDay);
    const handles = new Float64Array(o.pushes);
    let pushed = 0;
    let hash = 0;
    for (let i = 0; i < o.kinds.length; i++) {
      const kind = o.kinds[i]!;
      if (kind === PUSH) {
        handles[pushed] = queue.push(o.values[i]!, o.priorities[pushed]!, pushed);
        pushed++;
      } else if (kind === CANCEL) queue.cancel(handles[o.values[i]!]!);
      else {
        const index = queue.popUntil(o.values[i]!);
        if (index !== undefined) hash = popOrder(hash, o.codes[index]!);
      }
    }
    if (pushed !== o.pushes || hash !== o.popHash) throw new Error("replay: events left the queue in another order than the model's");
  }
  const c = cpuUsage(start);
  return (c.user + c.system) / 1e6;
}

function simulate(model: CompiledModel, n: number): { cpuSeconds: number; events: number } {
  const start = cpuUsage();
  let events = 0;
  for (let r = 0; r < n; r++) events += runReplication(model, 1, r).eventsFired;
  const c = cpuUsage(start);
  return { cpuSeconds: (c.user + c.system) / 1e6, events };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Nanoseconds of CPU per event fired: the model, the queue replayed alone, and the model less the queue (medians of alternating rounds). */
function study(params: ModelParameters, replications: number, rounds: number) {
  const model = compileModel(params);
  const ops = record(model, replications);
  const queue = new BucketQueue(model.startDay);
  simulate(model, Math.min(replications, 20));
  replay(ops, queue, model.startDay);
  const modelNs: number[] = [];
  const queueNs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const sim = simulate(model, replications);
    const q = replay(ops, queue, model.startDay);
    modelNs.push((sim.cpuSeconds / sim.events) * 1e9);
    queueNs.push((q / sim.events) * 1e9);
  }
  const rest = modelNs.map((m, i) => m - queueNs[i]!);
  return { model: median(modelNs), queue: median(queueNs), rest: median(rest) };
}

if (against !== undefined) {
  await pairAgainst(against, Number(process.argv[4] ?? 12), process.argv[5] ?? 'both');
  process.exit(0);
}

/** Ratios' median and quartiles, as text. */
function spread(ratios: number[]): string {
  const sorted = [...ratios].sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `x ${q(0.5).toFixed(3)} (quartiles ${q(0.25).toFixed(3)}-${q(0.75).toFixed(3)}, ${sorted.length} pairs)`;
}

/** CPU seconds of `a` over `b` in `pairs` pairs, alternating which goes first; `round(i)` is pair i's work. */
function paired(pairs: number, a: (i: number) => number, b: (i: number) => number): number[] {
  a(-1);
  b(-1);
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    if (i % 2 === 0) {
      const x = a(i);
      ratios.push(x / b(i));
    } else {
      const y = b(i);
      ratios.push(a(i) / y);
    }
  }
  return ratios;
}

/** This build against another's (its packages/engine/dist): the queue replayed alone, then the model, at both scales. */
async function pairAgainst(dist: string, pairs: number, what: string): Promise<void> {
  type Engine = { compileModel: typeof compileModel; runReplication: typeof runReplication };
  const other = (await import(pathToFileURL(`${dist}/advanced.js`).href)) as Engine;
  const otherKernel = (await import(pathToFileURL(`${dist}/kernel/index.js`).href)) as { BucketQueue: typeof BucketQueue };
  const runs = (engine: Engine, model: CompiledModel, from: number, n: number): number => {
    const start = cpuUsage();
    for (let r = from; r < from + n; r++) engine.runReplication(model, 1, r);
    const c = cpuUsage(start);
    return (c.user + c.system) / 1e6;
  };
  const mine: Engine = { compileModel, runReplication };
  for (const [name, params, replications] of [
    ['England scale', englandScale(baseline).params, 1],
    ['Anytown', baseline, 100],
  ] as const) {
    const model = compileModel(params);
    const otherModel = other.compileModel(params);
    if (what !== 'model') {
      const n = name === 'Anytown' ? 300 : 2;
      const ops = record(model, n);
      // Recorded with the other build too (the same operations), so that both classes' methods were wrapped and restored alike.
      record(otherModel, n, otherKernel.BucketQueue, other.runReplication);
      const q = new BucketQueue(model.startDay);
      const o = new otherKernel.BucketQueue(model.startDay);
      const queueRatios = paired(pairs, () => replay(ops, q, model.startDay), () => replay(ops, o, model.startDay));
      console.log(`${name}: the queue replayed alone, this build over the other ${spread(queueRatios)}`);
    }
    if (what === 'queue') continue;
    const modelRatios = paired(
      pairs,
      (i) => runs(mine, model, replications * (i + 1), replications),
      (i) => runs(other, otherModel, replications * (i + 1), replications),
    );
    console.log(`${name}: the model (${replications} replication(s) a round), this build over the other ${spread(modelRatios)}`);
  }
}

const rounds = Number(roundsText);
const anytown = study(baseline, Number(anytownReplications), rounds);
const england = study(englandScale(baseline).params, 2, Math.max(3, Math.ceil(rounds / 2)));
for (const [name, s] of [
  ['Anytown', anytown],
  ['England scale', england],
] as const) {
  console.log(`${name}: model ${s.model.toFixed(0)} ns CPU per event, of which the event queue replayed alone ${s.queue.toFixed(0)} ns, the rest ${s.rest.toFixed(0)} ns`);
}
console.log(
  `England over Anytown per event: model x ${(england.model / anytown.model).toFixed(2)}, queue x ${(england.queue / anytown.queue).toFixed(2)}, ` +
    `model less queue x ${(england.rest / anytown.rest).toFixed(2)}`,
);

// Per-event CPU against the number of children: the baseline scaled by `share` of England's factors
// (exit hazards as England's), about 187 x 5 years of children per round at every size.
const { exitFactor } = englandScale(baseline);
const stockFactor = ENGLAND_IN_CARE / inCareTotal(baseline);
const startsFactor = ENGLAND_STARTS_PER_YEAR / startsPerYear(baseline);
const shares = [1 / 187, 1 / 64, 1 / 16, 1 / 4, 1];
const sized = shares.map((share) => ({ share, model: compileModel(atScale(baseline, stockFactor * share, startsFactor * share, exitFactor)), ns: [] as number[] }));
for (let round = 0; round <= rounds; round++) {
  for (const size of sized) {
    const sim = simulate(size.model, Math.max(1, Math.round(1 / size.share)));
    // Round 0 warms up.
    if (round > 0) size.ns.push((sim.cpuSeconds / sim.events) * 1e9);
  }
}
console.log(
  'CPU per event by children in care at the start (median of ' + rounds + ' alternating rounds): ' +
    sized.map((s) => `${Math.round(inCareTotal(baseline) * stockFactor * s.share)}: ${median(s.ns).toFixed(0)} ns`).join(', '),
);
