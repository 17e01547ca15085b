import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/kernel/simulator.js';
import { Interrupt, type Process } from '../../src/kernel/process.js';
import { Resource } from '../../src/kernel/resource.js';

describe('Simulator.process', () => {
  it('processes interleave by their timeouts, equal times in start order', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const walker = (name: string, step: number, steps: number) =>
      function* () {
        for (let i = 0; i < steps; i++) {
          log.push(`${name}@${sim.now}`);
          yield sim.timeout(step);
        }
        log.push(`${name} done@${sim.now}`);
      };
    sim.process(walker('a', 2, 3));
    sim.process(walker('b', 3, 2));
    sim.run();
    expect(log).toEqual(['a@0', 'b@0', 'a@2', 'b@3', 'a@4', 'b done@6', 'a done@6']);
  });

  it('a process starts in an event at the current time, not when created', () => {
    const sim = new Simulator(7);
    const log: string[] = [];
    // eslint-disable-next-line require-yield -- a process may finish without waiting for anything
    sim.process(function* () {
      log.push(`started@${sim.now}`);
    });
    log.push('created');
    sim.run();
    expect(log).toEqual(['created', 'started@7']);
  });

  it('yield returns the timeout value, and yielding a process waits for it and returns its result', () => {
    const sim = new Simulator();
    let got: unknown;
    let doneAt = NaN;
    sim.process(function* () {
      const child = sim.process(function* () {
        const v = yield sim.timeout(4, 'ping');
        return `${String(v)}-pong`;
      });
      got = yield child;
      doneAt = sim.now;
    });
    sim.run();
    expect(got).toBe('ping-pong');
    expect(doneAt).toBe(4);
  });

  it('yielding a finished process or fired signal continues at once without an event', () => {
    const sim = new Simulator();
    const signal = sim.signal<number>();
    let child: Process<number> | undefined;
    let seen: unknown[] = [];
    sim.process(function* () {
      // eslint-disable-next-line require-yield -- a process may finish without waiting for anything
      child = sim.process(function* () {
        return 5;
      });
      yield sim.timeout(1);
      signal.fire(9);
      const before = sim.eventsFired;
      seen = [yield child, yield signal, sim.eventsFired - before];
    });
    sim.run();
    expect(seen).toEqual([5, 9, 0]);
  });

  it('a signal wakes every waiting process in the order they began waiting', () => {
    const sim = new Simulator();
    const gate = sim.signal<string>();
    const log: string[] = [];
    for (const name of ['x', 'y', 'z']) {
      sim.process(function* () {
        const v = yield gate;
        log.push(`${name}:${String(v)}@${sim.now}`);
      });
    }
    sim.schedule(3, () => gate.fire('open'));
    sim.run();
    expect(log).toEqual(['x:open@3', 'y:open@3', 'z:open@3']);
    expect(() => gate.fire('again')).toThrow(/twice/);
  });

  it('onDone callbacks run in their own event at the finishing time', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const p = sim.process(function* () {
      yield sim.timeout(2);
      log.push('return');
      return 1;
    });
    p.onDone((v) => log.push(`done ${v}@${sim.now}`));
    sim.run();
    p.onDone((v) => log.push(`late ${v}@${sim.now}`));
    sim.run();
    expect(log).toEqual(['return', 'done 1@2', 'late 1@2']);
  });

  it('yielding something that is not a command throws with the time', () => {
    const sim = new Simulator();
    sim.process(function* () {
      yield sim.timeout(1);
      yield 42 as never;
    });
    expect(() => sim.run()).toThrow(/yielded 42 at t=1 days/);
  });

  it('a timeout at infinite delay never resumes the process', () => {
    const sim = new Simulator();
    let resumed = false;
    sim.process(function* () {
      yield sim.timeout(Infinity);
      resumed = true;
    });
    sim.run();
    expect(resumed).toBe(false);
    expect(sim.pending).toBe(0);
  });
});

describe('Process.interrupt', () => {
  it('throws an Interrupt at the yield, cancelling the timeout it was waiting for', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const sleeper = sim.process(function* () {
      try {
        yield sim.timeout(10);
        log.push('woke normally');
      } catch (e) {
        log.push(`${(e as Interrupt).cause as string}@${sim.now}`);
        yield sim.timeout(1);
        log.push(`after@${sim.now}`);
      }
    });
    sim.schedule(4, () => expect(sleeper.interrupt('exit')).toBe(true));
    sim.run();
    expect(log).toEqual(['exit@4', 'after@5']);
    expect(sim.now).toBe(5);
    expect(sleeper.interrupt('late')).toBe(false);
  });

  it('a process interrupted while waiting in a line can leave it, and the next in line is served', () => {
    const sim = new Simulator();
    const beds = new Resource(sim, 1);
    const log: string[] = [];
    const occupant = beds.request();
    const waiter = (name: string) =>
      sim.process(function* () {
        const request = beds.request();
        try {
          yield request;
          log.push(`${name} placed@${sim.now}`);
        } catch (e) {
          if (!(e instanceof Interrupt)) throw e;
          beds.release(request);
          log.push(`${name} left@${sim.now}`);
        }
      });
    const first = waiter('first');
    waiter('second');
    sim.schedule(2, () => first.interrupt('exit from care'));
    sim.schedule(3, () => beds.release(occupant));
    sim.run();
    expect(log).toEqual(['first left@2', 'second placed@3']);
    expect(beds.waiting).toBe(0);
  });

  it('an interrupt that is not caught propagates out of run()', () => {
    const sim = new Simulator();
    const p = sim.process(function* () {
      yield sim.timeout(5);
    });
    sim.schedule(1, () => p.interrupt('boom'));
    expect(() => sim.run()).toThrow(Interrupt);
  });

  it('a wake already queued when the interrupt comes does not resume the process twice', () => {
    const sim = new Simulator();
    const gate = sim.signal<string>();
    const log: string[] = [];
    const p = sim.process(function* () {
      try {
        log.push(String(yield gate));
      } catch {
        log.push('interrupted');
      }
      yield sim.timeout(1);
      log.push('end');
    });
    sim.schedule(1, () => {
      gate.fire('opened');
      p.interrupt();
    });
    sim.run();
    expect(log).toEqual(['interrupted', 'end']);
  });
});
