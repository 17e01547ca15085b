import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/kernel/simulator.js';

/** A schedule step: an event at (time, priority), possibly cancelled later, possibly scheduling a child. */
interface Planned {
  time: number;
  priority: number;
  cancel: boolean;
  childDelay: number | null;
}

// Few distinct times and priorities, so ties on (time, priority) are common and FIFO is exercised.
const planned = fc.record({
  time: fc.integer({ min: 0, max: 20 }).map((t) => t / 4),
  priority: fc.integer({ min: -2, max: 2 }),
  cancel: fc.boolean(),
  childDelay: fc.option(fc.integer({ min: 0, max: 8 }).map((d) => d / 4), { nil: null }),
});

interface Fired {
  id: number;
  time: number;
  priority: number;
  order: number;
}

function runSchedule(plan: Planned[]) {
  const sim = new Simulator();
  const fired: Fired[] = [];
  const clock: number[] = [];
  let order = 0;
  let nextId = plan.length;
  const scheduleOrder = new Map<number, number>();
  let scheduled = 0;
  const add = (id: number, time: number, priority: number, childDelay: number | null): number => {
    scheduleOrder.set(id, scheduled++);
    return sim.scheduleAt(
      time,
      () => {
        clock.push(sim.now);
        fired.push({ id, time, priority, order: order++ });
        if (childDelay !== null) add(nextId++, sim.now + childDelay, priority, null);
      },
      priority,
    );
  };
  const handles = plan.map((p, id) => add(id, p.time, p.priority, p.childDelay));
  const cancelled = new Set<number>();
  plan.forEach((p, id) => {
    if (p.cancel) {
      expect(sim.cancel(handles[id]!)).toBe(true);
      cancelled.add(id);
    }
  });
  sim.run();
  return { fired, clock, cancelled, scheduleOrder, sim };
}

describe('Simulator event order', () => {
  it('events fire in non-decreasing time order and the clock never goes back', () => {
    fc.assert(
      fc.property(fc.array(planned, { maxLength: 80 }), (plan) => {
        const { fired, clock } = runSchedule(plan);
        for (let i = 1; i < fired.length; i++) {
          expect(fired[i]!.time).toBeGreaterThanOrEqual(fired[i - 1]!.time);
          expect(clock[i]!).toBeGreaterThanOrEqual(clock[i - 1]!);
        }
        fired.forEach((f, i) => expect(clock[i]).toBe(f.time));
      }),
    );
  });

  it('events at equal time fire by priority, then first scheduled first (FIFO)', () => {
    fc.assert(
      fc.property(fc.array(planned, { maxLength: 80 }), (plan) => {
        const { fired, scheduleOrder } = runSchedule(plan);
        for (let i = 1; i < fired.length; i++) {
          const a = fired[i - 1]!;
          const b = fired[i]!;
          if (a.time !== b.time) continue;
          expect(a.priority).toBeLessThanOrEqual(b.priority);
          if (a.priority === b.priority) expect(scheduleOrder.get(a.id)!).toBeLessThan(scheduleOrder.get(b.id)!);
        }
      }),
    );
  });

  it('cancelled events never fire and every other event fires exactly once', () => {
    fc.assert(
      fc.property(fc.array(planned, { maxLength: 80 }), (plan) => {
        const { fired, cancelled, sim } = runSchedule(plan);
        const firedIds = fired.map((f) => f.id);
        expect(new Set(firedIds).size).toBe(firedIds.length);
        for (const id of cancelled) expect(firedIds).not.toContain(id);
        const expectedTop = plan.map((_, id) => id).filter((id) => !cancelled.has(id));
        expect(firedIds.filter((id) => id < plan.length).sort((a, b) => a - b)).toEqual(expectedTop);
        const children = plan.filter((p, id) => !cancelled.has(id) && p.childDelay !== null).length;
        expect(fired.length).toBe(expectedTop.length + children);
        expect(sim.eventsFired).toBe(fired.length);
        expect(sim.pending).toBe(0);
      }),
    );
  });

  it('cancelling from inside an event stops a later event and reports whether it was pending', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const late = sim.schedule(5, () => log.push('late'));
    sim.schedule(1, () => {
      log.push('early');
      expect(sim.isPending(late)).toBe(true);
      expect(sim.cancel(late)).toBe(true);
      expect(sim.cancel(late)).toBe(false);
      expect(sim.isPending(late)).toBe(false);
    });
    expect(sim.pending).toBe(2);
    sim.run();
    expect(log).toEqual(['early']);
    expect(sim.cancel(late)).toBe(false);
  });

  it('a handle of a fired event cancels nothing, even after its slot is reused', () => {
    const sim = new Simulator();
    const log: number[] = [];
    const first = sim.schedule(1, () => log.push(1));
    sim.run(2);
    sim.schedule(1, () => log.push(2));
    expect(sim.cancel(first)).toBe(false);
    sim.run();
    expect(log).toEqual([1, 2]);
  });
});

describe('Simulator.run', () => {
  it('stops before events later than until and leaves the clock at until', () => {
    const sim = new Simulator(10);
    const times: number[] = [];
    for (const d of [1, 2, 3, 7]) sim.schedule(d, () => times.push(sim.now));
    sim.run(13);
    expect(times).toEqual([11, 12, 13]);
    expect(sim.now).toBe(13);
    expect(sim.pending).toBe(1);
    expect(sim.nextTime).toBe(17);
    sim.run();
    expect(times).toEqual([11, 12, 13, 17]);
  });

  it('stop() ends the run after the current event and condition() is checked after each event', () => {
    const sim = new Simulator();
    let n = 0;
    for (let i = 1; i <= 10; i++) sim.schedule(i, () => (++n === 3 ? sim.stop() : undefined));
    sim.run(100);
    expect(n).toBe(3);
    expect(sim.now).toBe(3);
    sim.run(100, () => n < 6);
    expect(n).toBe(6);
    expect(sim.now).toBe(6);
  });

  it('an event at infinite time is never held and never fires', () => {
    const sim = new Simulator();
    let fired = false;
    const handle = sim.schedule(Infinity, () => (fired = true));
    expect(sim.pending).toBe(0);
    expect(sim.cancel(handle)).toBe(false);
    sim.run();
    expect(fired).toBe(false);
    expect(sim.now).toBe(0);
  });

  it('rejects negative or NaN delays, times in the past and fractional priorities', () => {
    const sim = new Simulator(5);
    expect(() => sim.schedule(-1, () => undefined)).toThrow(RangeError);
    expect(() => sim.schedule(NaN, () => undefined)).toThrow(RangeError);
    expect(() => sim.scheduleAt(4, () => undefined)).toThrow(RangeError);
    expect(() => sim.schedule(1, () => undefined, 0.5)).toThrow(RangeError);
  });
});
