import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Resource } from '../../src/kernel/resource.js';
import { Simulator } from '../../src/kernel/simulator.js';

const customer = fc.record({
  arrival: fc.integer({ min: 0, max: 30 }),
  service: fc.integer({ min: 0, max: 10 }),
  patience: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
});

describe('Resource', () => {
  it('never exceeds capacity and serves waiting requests first-in first-out', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(customer, { maxLength: 40 }), (capacity, customers) => {
        const sim = new Simulator();
        const beds = new Resource(sim, capacity, 'beds');
        const requestOrder: number[] = [];
        const grantOrder: number[] = [];
        const abandoned = new Set<number>();
        let maxInUse = 0;
        customers.forEach((c, id) => {
          sim.process(function* () {
            yield sim.timeout(c.arrival);
            const request = beds.request();
            requestOrder.push(id);
            if (c.patience !== null && !request.done) {
              // Leave the line after `patience` days unless granted by then.
              const leave = sim.schedule(c.patience, () => {
                if (request.state === 'waiting') {
                  abandoned.add(id);
                  beds.release(request);
                }
              });
              request.onDone(() => sim.cancel(leave));
            }
            yield request;
            grantOrder.push(id);
            maxInUse = Math.max(maxInUse, beds.inUse);
            expect(beds.inUse).toBeLessThanOrEqual(capacity);
            yield sim.timeout(c.service);
            beds.release(request);
          });
        });
        sim.run();
        expect(maxInUse).toBeLessThanOrEqual(capacity);
        expect(grantOrder).toEqual(requestOrder.filter((id) => !abandoned.has(id)));
        expect(beds.inUse).toBe(0);
        expect(beds.waiting).toBe(0);
        expect(beds.waitTimes.count).toBe(grantOrder.length);
        expect(beds.inUseLevel.max).toBeLessThanOrEqual(capacity);
      }),
    );
  });

  it('grants at once when free and measures waits, utilisation and line length in days', () => {
    const sim = new Simulator();
    const room = new Resource(sim, 1);
    const log: string[] = [];
    const user = (name: string, start: number, hold: number) =>
      sim.process(function* () {
        yield sim.timeout(start);
        const r = room.request();
        yield r;
        log.push(`${name} in@${sim.now}`);
        yield sim.timeout(hold);
        room.release(r);
      });
    user('a', 0, 4);
    user('b', 1, 2);
    sim.run(10);
    expect(log).toEqual(['a in@0', 'b in@4']);
    expect(room.waitTimes.mean).toBe(1.5); // waits of 0 and 3 days
    // In use 1 from 0 to 6 then 0 until 10: 6 unit-days over 10 days.
    expect(room.inUseLevel.mean(sim.now)).toBeCloseTo(0.6, 12);
    // One waiting from 1 to 4: 3 request-days over 10 days.
    expect(room.waitingLevel.mean(sim.now)).toBeCloseTo(0.3, 12);
  });

  it('raising capacity grants waiting requests; lowering it takes no unit back', () => {
    const sim = new Simulator();
    const homes = new Resource(sim, 1, 'homes');
    const first = homes.request();
    const second = homes.request();
    const third = homes.request();
    expect([first.state, second.state, third.state]).toEqual(['granted', 'waiting', 'waiting']);
    homes.setCapacity(2);
    expect(second.state).toBe('granted');
    homes.setCapacity(0);
    expect(homes.inUse).toBe(2);
    homes.release(first);
    expect(third.state).toBe('waiting');
    homes.setCapacity(2);
    expect(third.state).toBe('granted');
    expect(() => homes.release(first)).toThrow(/released twice/);
    expect(() => homes.setCapacity(1.5)).toThrow(RangeError);
  });

  it('callback users get the grant through onDone, in an event at the grant time', () => {
    const sim = new Simulator();
    const desk = new Resource(sim, 1);
    const held = desk.request();
    const log: string[] = [];
    desk.request().onDone((r) => log.push(`granted@${sim.now} after ${sim.now - r.requestedAt}`));
    sim.schedule(5, () => desk.release(held));
    sim.run();
    expect(log).toEqual(['granted@5 after 5']);
  });
});
