import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/kernel/simulator.js';
import type { Process } from '../../src/kernel/process.js';

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
