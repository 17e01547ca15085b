import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BucketQueue } from '../../src/kernel/bucket-queue.js';
import { CodedSimulator } from '../../src/kernel/coded-simulator.js';
import { EventQueue } from '../../src/kernel/event-queue.js';

// The bucketed queue against the binary heap (EventQueue, itself tested against a sorted reference):
// the same pushes, cancellations and pops must give the same codes at the same times, whatever the
// bucket width, ring size and group size (small ones make events wrap round the ring and wait in the
// far heap, and groups split into buckets often).

type Push = { kind: 'push'; delay: number; priority: number };
type Op = Push | { kind: 'burst'; pushes: Push[] } | { kind: 'cancel'; which: number } | { kind: 'pop'; ahead: number };

const push: fc.Arbitrary<Push> = fc.record({
  kind: fc.constant('push' as const),
  // Few distinct delays (ties on time are common), some far ahead, some never.
  delay: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }).map((d) => d / 4) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 1600 }).map((d) => d / 4) },
    { weight: 1, arbitrary: fc.constantFrom(1e6, Infinity) },
  ),
  priority: fc.integer({ min: -2, max: 2 }),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: push },
  // Many events at once: buckets fill more than one block, far buckets hold several times.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('burst' as const), pushes: fc.array(push, { minLength: 10, maxLength: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), which: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pop' as const), ahead: fc.constantFrom(0, 0.5, 3, Infinity) }) },
);

describe('BucketQueue', () => {
  it('pops, cancels and counts exactly as the binary heap for any bucket width, ring size and group size', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 300 }),
        fc.constantFrom(0.25, 1, 3, 50),
        fc.constantFrom(1, 2, 8, 4096),
        fc.constantFrom(1, 2, 4, 32),
        // Groups from the start, or from the reset after 4 pending (groups of half the ring before).
        fc.constantFrom(0, 4),
        fc.integer({ min: -5, max: 5 }),
        fc.option(fc.array(fc.record({ time: fc.integer({ min: -20, max: 9000 }).map((t) => t / 4), priority: fc.integer({ min: -2, max: 2 }), pop: fc.boolean() }), { maxLength: 60 })),
        (ops, width, ring, group, groupedFrom, start, before) => {
          const heap = new EventQueue<number>(2);
          const buckets = new BucketQueue(before ? -10 : start, width, ring, 2, group, groupedFrom);
          const stale: number[] = [];
          if (before) {
            // An earlier run left events in the heap, the ring and the far heap: reset makes it a new queue.
            for (const b of before) {
              stale.push(buckets.push(Math.max(b.time, -5), b.priority, -1));
              if (b.pop) buckets.pop();
            }
            buckets.reset(start);
            expect(buckets.size).toBe(0);
            for (const h of stale) expect(buckets.isPending(h)).toBe(false);
          }
          const handles: [number, number][] = [];
          let now = start;
          let code = 0;
          for (const o of ops) {
            if (o.kind === 'push' || o.kind === 'burst') {
              for (const p of o.kind === 'push' ? [o] : o.pushes) {
                const time = now + p.delay;
                handles.push([heap.push(time, p.priority, code), buckets.push(time, p.priority, code)]);
                code++;
              }
            } else if (o.kind === 'cancel') {
              if (handles.length === 0) continue;
              const [h, b] = handles[o.which % handles.length]!;
              expect(buckets.isPending(b)).toBe(heap.isPending(h));
              expect(buckets.cancel(b)).toBe(heap.cancel(h));
            } else {
              const until = now + o.ahead;
              const a = heap.peekTime() <= until ? heap.pop() : undefined;
              const b = buckets.popUntil(until);
              expect(b).toBe(a);
              if (a !== undefined) {
                expect(buckets.lastTime).toBe(heap.lastTime);
                now = heap.lastTime;
              } else if (until < Infinity) now = until;
            }
            expect(buckets.size).toBe(heap.size);
          }
          while (heap.size > 0) {
            expect(buckets.peekTime()).toBe(heap.peekTime());
            expect(buckets.pop()).toBe(heap.pop());
          }
          expect(buckets.pop()).toBeUndefined();
          expect(buckets.size).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("sorts a bucket drained from the ring as the binary heap orders it, while pushes into it go on", () => {
    // Hundreds of events in one later bucket (the run is sorted by sub-bucket, then by insertion, or
    // wholly when insertion would move too much), some tied, with priorities in any order; popping
    // them pushes more into the current bucket and cancels some.
    const event = fc.record({ at: fc.oneof(fc.constant(0), fc.constant(0.5), fc.double({ min: 0, max: 0.999, noNaN: true })), priority: fc.integer({ min: -3, max: 3 }) });
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 700, size: 'max' }),
        fc.array(fc.record({ after: fc.double({ min: 0, max: 0.999, noNaN: true }), cancel: fc.nat() }), { maxLength: 100 }),
        fc.constantFrom(1, 0.5),
        (bucket, during, width) => {
          const heap = new EventQueue<number>(2);
          const buckets = new BucketQueue(0, width, 8, 2);
          const handles: [number, number][] = [];
          const push = (time: number, priority: number): void => {
            handles.push([heap.push(time, priority, handles.length), buckets.push(time, priority, handles.length)]);
          };
          for (const e of bucket) push(3 * width + e.at * width, e.priority);
          let step = 0;
          while (heap.size > 0) {
            expect(buckets.peekTime()).toBe(heap.peekTime());
            const code = buckets.pop();
            expect(code).toBe(heap.pop());
            const d = during[step++];
            if (d) {
              push(heap.lastTime + d.after * (3 * width + width - heap.lastTime), d.cancel % 4);
              const [h, b] = handles[d.cancel % handles.length]!;
              expect(buckets.cancel(b)).toBe(heap.cancel(h));
            }
            expect(buckets.size).toBe(heap.size);
          }
          expect(buckets.pop()).toBeUndefined();
        },
      ),
      { numRuns: 100 },
    );
  });

  it('splits far groups into buckets in order, with cancellations before and after the split and pushes into split groups', () => {
    // Events days to years ahead (most wait in a group, some in the far heap), popped a step at a
    // time; each step pushes more (near, into split groups, far) and cancels some pending anywhere.
    const ahead = fc.oneof(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }), fc.integer({ min: 0, max: 600 }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ ahead, priority: fc.integer({ min: -2, max: 2 }) }), { minLength: 1, maxLength: 400 }),
        fc.array(fc.record({ ahead, priority: fc.integer({ min: -2, max: 2 }), cancel: fc.nat(), cancels: fc.boolean() }), { maxLength: 300 }),
        fc.constantFrom(1, 4, 8),
        fc.constantFrom(16, 64),
        (initial, during, group, ring) => {
          const heap = new EventQueue<number>(2);
          const buckets = new BucketQueue(0, 1, ring, 2, group, 0);
          const handles: [number, number][] = [];
          const push = (time: number, priority: number): void => {
            handles.push([heap.push(time, priority, handles.length), buckets.push(time, priority, handles.length)]);
          };
          for (const e of initial) push(e.ahead, e.priority);
          let step = 0;
          let now = 0;
          while (heap.size > 0) {
            expect(buckets.peekTime()).toBe(heap.peekTime());
            expect(buckets.pop()).toBe(heap.pop());
            now = heap.lastTime;
            expect(buckets.lastTime).toBe(now);
            const d = during[step++];
            if (d) {
              push(now + d.ahead, d.priority);
              if (d.cancels) {
                const [h, b] = handles[d.cancel % handles.length]!;
                expect(buckets.isPending(b)).toBe(heap.isPending(h));
                expect(buckets.cancel(b)).toBe(heap.cancel(h));
              }
            }
            expect(buckets.size).toBe(heap.size);
          }
          expect(buckets.pop()).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('orders many ties appended against their priorities (the run sorted wholly, blocks of every size)', () => {
    const heap = new EventQueue<number>();
    const buckets = new BucketQueue(0, 1, 8);
    for (let i = 0; i < 2500; i++) {
      const priority = 1250 - i;
      heap.push(2, priority, i);
      buckets.push(2, priority, i);
    }
    while (heap.size > 0) expect(buckets.pop()).toBe(heap.pop());
  });

  it('keeps FIFO order across the renumbering after 2^32 pushes, wherever the events wait', () => {
    // Ring of 2 (far heap from 4 days on) and ring of 16 in groups of 2 (days 12 and 13 in one group).
    for (const queue of [new BucketQueue(0, 1, 2), new BucketQueue(0, 1, 16, 2, 2, 0)]) {
      // The sixth push renumbers the five before it.
      (queue as unknown as { sequence: number }).sequence = 2 ** 32 - 5;
      const times = [12.5, 13, 100, 1, 1, 100, 1, 0.5, 7, 12.5];
      const priorities = [0, -1, 0, 0, -3, 0, 0, 2, 0, 0];
      times.forEach((t, i) => queue.push(t, priorities[i]!, i));
      const order: number[] = [];
      for (let c = queue.pop(); c !== undefined; c = queue.pop()) order.push(c);
      expect(order).toEqual([7, 4, 3, 6, 8, 0, 9, 1, 2, 5]);
    }
  });

  it('keeps FIFO order across the renumbering while a drained bucket is being popped', () => {
    const queue = new BucketQueue(0, 1, 8);
    (queue as unknown as { sequence: number }).sequence = 2 ** 32 - 5;
    const times = [1.5, 1.25, 1.5, 1.25, 1.75];
    times.forEach((t, i) => queue.push(t, 0, i));
    expect(queue.pop()).toBe(1);
    // The run's keys are renumbered too: the next push, 2^32 after the first, comes after them.
    queue.push(1.5, 0, 5);
    queue.push(1.5, -1, 6);
    const order: number[] = [];
    for (let c = queue.pop(); c !== undefined; c = queue.pop()) order.push(c);
    expect(order).toEqual([3, 6, 0, 2, 5, 4]);
  });

  it('pops a bucket of one block where it waits in the pool, while pushes grow the pool and renumber keys', () => {
    // Day 1's three events fill one first block, popped from the pool itself (session 20); thousands of
    // pushes to day 2 then grow the pool (a copy: the run still reads the pool it was sorted in), the
    // renumbering rewrites the run's keys there, and day 2's first block must not be the run's.
    const heap = new EventQueue<number>(2);
    const queue = new BucketQueue(0, 1, 8, 2);
    const pops: [number | undefined, number | undefined][] = [];
    let code = 0;
    const push = (time: number, priority: number): void => {
      heap.push(time, priority, code);
      queue.push(time, priority, code++);
    };
    for (const t of [1.5, 1.25, 1.5]) push(t, 0);
    pops.push([queue.pop(), heap.pop()]);
    (queue as unknown as { sequence: number }).sequence = 2 ** 32 - 1000;
    (heap as unknown as { sequence: number }).sequence = 2 ** 32 - 1000;
    for (let i = 0; i < 3000; i++) push(2 + (i % 7) / 8, i % 3);
    push(1.5, -1);
    push(1.5, 0);
    while (heap.size > 0) pops.push([queue.pop(), heap.pop()]);
    expect(queue.pop()).toBeUndefined();
    expect(pops.filter(([a, b]) => a !== b)).toEqual([]);
    expect(pops.length).toBe(code);
  });

  it('rejects NaN times, bad priorities, bucket widths and ring sizes', () => {
    const queue = new BucketQueue();
    expect(() => queue.push(NaN, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(0, 0.5, 0)).toThrow(RangeError);
    expect(() => queue.push(0, 2 ** 20 + 1, 0)).toThrow(RangeError);
    expect(() => new BucketQueue(0, 0)).toThrow(RangeError);
    expect(() => new BucketQueue(0, 1, 3)).toThrow(RangeError);
    expect(() => new BucketQueue(0, 1, 8, 2, 6)).toThrow(RangeError);
    expect(() => new BucketQueue(NaN)).toThrow(RangeError);
  });
});

describe('CodedSimulator', () => {
  it('fires codes in (time, priority, scheduling order), skips cancelled ones and stops the clock at `until`', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 40 }).map((t) => t / 2), priority: fc.integer({ min: -2, max: 1 }), cancel: fc.boolean() }), { maxLength: 120 }),
        fc.constantFrom(0.5, 1, 7),
        (plan, bucketDays) => {
          const sim = new CodedSimulator(0, bucketDays);
          const handles = plan.map((p, i) => sim.scheduleAt(p.time, i, p.priority));
          plan.forEach((p, i) => p.cancel && sim.cancel(handles[i]!));
          const fired: number[] = [];
          sim.run(10, (c) => {
            expect(sim.now).toBe(plan[c]!.time);
            fired.push(c);
          });
          const expected = plan
            .map((p, i) => ({ ...p, i }))
            .filter((p) => !p.cancel && p.time <= 10)
            .sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i)
            .map((p) => p.i);
          expect(fired).toEqual(expected);
          expect(sim.now).toBe(10);
          expect(sim.eventsFired).toBe(expected.length);
          expect(sim.pending).toBe(plan.filter((p) => !p.cancel && p.time > 10).length);
        },
      ),
    );
  });
});
