import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/kernel/event-queue.js';

/** Reference order: sort by (time, priority, push order). */
function referenceOrder(events: { time: number; priority: number }[]): number[] {
  return events
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0) || a.priority - b.priority || a.i - b.i)
    .map((e) => e.i);
}

const event = fc.record({
  // Infinity included: it must tie-break like any time, never with the heap's Infinity padding.
  time: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(Infinity)),
  priority: fc.integer({ min: -1048576, max: 1048576 }).chain((p) => fc.constantFrom(p, -1, 0, 1)),
});

describe('EventQueue', () => {
  it('pops in (time, priority, push order) order for any times and priorities, negative ones included', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (events, capacity) => {
        const queue = new EventQueue<number>(capacity);
        events.forEach((e, i) => queue.push(e.time, e.priority, i));
        const popped: number[] = [];
        const sequences: number[] = [];
        while (queue.size > 0) {
          popped.push(queue.pop()!);
          sequences.push(queue.lastSequence);
          expect(queue.lastPriority).toBe(events[popped.at(-1)!]!.priority);
        }
        expect(popped).toEqual(referenceOrder(events));
        // The sequence number of an event is its push index, whatever the sign of its priority.
        expect(sequences).toEqual(popped);
      }),
    );
  });

  it('interleaved pushes and pops of a hold model match a sorted reference', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 200 }), (delays) => {
        const queue = new EventQueue<number>(2);
        const pending: { time: number; id: number }[] = [];
        let id = 0;
        for (let i = 0; i < 5; i++) {
          queue.push(0, 0, id);
          pending.push({ time: 0, id: id++ });
        }
        for (const d of delays) {
          const got = queue.pop()!;
          pending.sort((a, b) => a.time - b.time || a.id - b.id);
          const expected = pending.shift()!;
          expect(got).toBe(expected.id);
          expect(queue.lastTime).toBe(expected.time);
          queue.push(expected.time + d, 0, id);
          pending.push({ time: expected.time + d, id: id++ });
        }
      }),
    );
  });

  it('cancelled events are never popped and size counts only live events', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 200 }), (plan) => {
        const queue = new EventQueue<number>(4);
        const handles = plan.map(([time], i) => queue.push(time, 0, i));
        let live = plan.length;
        plan.forEach(([, cancel], i) => {
          if (!cancel) return;
          expect(queue.cancel(handles[i]!)).toBe(true);
          expect(queue.cancel(handles[i]!)).toBe(false);
          expect(queue.isPending(handles[i]!)).toBe(false);
          live--;
          expect(queue.size).toBe(live);
        });
        const popped: number[] = [];
        let lastTime = -Infinity;
        while (queue.size > 0) {
          const peek = queue.peekTime();
          popped.push(queue.pop()!);
          expect(queue.lastTime).toBe(peek);
          expect(queue.lastTime).toBeGreaterThanOrEqual(lastTime);
          lastTime = queue.lastTime;
        }
        expect(queue.pop()).toBeUndefined();
        expect(queue.peekTime()).toBe(Infinity);
        const expected = plan.map((_, i) => i).filter((i) => !plan[i]![1]);
        expect([...popped].sort((a, b) => a - b)).toEqual(expected);
      }),
    );
  });

  it('keeps FIFO order across the renumbering that happens after 2^32 pushes', () => {
    const queue = new EventQueue<string>();
    // Jump the counter to just before the limit rather than pushing four billion events.
    (queue as unknown as { sequence: number }).sequence = 2 ** 32 - 2;
    queue.push(1, 0, 'a');
    queue.push(1, -3, 'b');
    queue.push(1, 0, 'c');
    queue.push(1, 0, 'd');
    queue.push(0.5, 2, 'e');
    const order: string[] = [];
    while (queue.size > 0) order.push(queue.pop()!);
    expect(order).toEqual(['e', 'b', 'a', 'c', 'd']);
  });

  it('lastTime and lastSequence describe the event last popped until the next pop', () => {
    const queue = new EventQueue<string>(2);
    const late = queue.push(5, 0, 'late');
    queue.push(1, 0, 'first');
    queue.push(3, -1, 'second');
    expect(queue.pop()).toBe('first');
    expect(queue.cancel(late)).toBe(true);
    queue.push(9, 0, 'pushed after');
    expect([queue.lastTime, queue.lastSequence, queue.lastPriority]).toEqual([1, 1, 0]);
    expect(queue.pop()).toBe('second');
    // Dropping the cancelled head while peeking leaves the description of the last pop alone.
    expect(queue.peekTime()).toBe(9);
    expect([queue.lastTime, queue.lastSequence, queue.lastPriority]).toEqual([3, 2, -1]);
  });

  it('clear() drops every event and invalidates their handles', () => {
    const queue = new EventQueue<number>();
    const handle = queue.push(1, 0, 1);
    queue.push(2, 0, 2);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
    expect(queue.isPending(handle)).toBe(false);
    expect(queue.cancel(handle)).toBe(false);
    queue.push(3, 0, 3);
    expect(queue.pop()).toBe(3);
  });

  it('rejects NaN times and priorities that are fractional or beyond ±2^20', () => {
    const queue = new EventQueue<number>();
    expect(() => queue.push(NaN, 0, 0)).toThrow(RangeError);
    expect(() => queue.push(0, 0.5, 0)).toThrow(RangeError);
    expect(() => queue.push(0, 2 ** 20 + 1, 0)).toThrow(RangeError);
    expect(() => queue.push(0, -(2 ** 20) - 1, 0)).toThrow(RangeError);
  });
});
