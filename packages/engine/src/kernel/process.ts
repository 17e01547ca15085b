import type { Action, Simulator } from './simulator.js';

/** What a process may `yield`: a delay, or anything that finishes once (a signal, a request, a process). */
export type Yieldable = Timeout<unknown> | Waitable<unknown>;

/** A process body: a generator, or a function returning one, in the manner of SimPy. */
export type ProcessBody<R> = Generator<Yieldable, R, unknown> | (() => Generator<Yieldable, R, unknown>);

/** A command to resume the yielding process after `delay` days, with `value` as the result of `yield`. */
export class Timeout<T = undefined> {
  constructor(
    readonly delay: number,
    readonly value: T,
    readonly priority: number,
  ) {}
}

/**
 * Something that finishes once with a value. A process that yields it resumes with that value; when it
 * has already finished, the process carries on at once, in the same event.
 */
export abstract class Waitable<T> {
  private callbacks: ((value: T) => void)[] | undefined = undefined;
  private settled = false;
  private result: T | undefined = undefined;

  constructor(protected readonly sim: Simulator) {}

  /** Whether it has finished. */
  get done(): boolean {
    return this.settled;
  }

  /** The value it finished with (undefined before). */
  get value(): T | undefined {
    return this.result;
  }

  /**
   * Calls `callback(value)` in its own event at the time this finishes (now, if it already has);
   * callbacks run in the order they were added.
   */
  onDone(callback: (value: T) => void): void {
    if (this.settled) {
      const value = this.result as T;
      this.sim.schedule(0, () => callback(value));
    } else {
      (this.callbacks ??= []).push(callback);
    }
  }

  /** Finishes with `value`, waking every waiter in its own event at the current time. */
  protected settle(value: T): void {
    if (this.settled) throw new Error(`${this.constructor.name} finished twice`);
    this.settled = true;
    this.result = value;
    const callbacks = this.callbacks;
    if (callbacks === undefined) return;
    this.callbacks = undefined;
    for (const callback of callbacks) this.sim.schedule(0, () => callback(value));
  }

  /** Drops a callback added by `onDone` that has not run yet; returns whether it was there. */
  protected removeCallback(callback: (value: T) => void): boolean {
    const callbacks = this.callbacks;
    if (callbacks === undefined) return false;
    const index = callbacks.indexOf(callback);
    if (index < 0) return false;
    callbacks.splice(index, 1);
    return true;
  }
}

/** A one-shot event that processes wait on and model code fires (SimPy's `Event`). */
export class Signal<T = void> extends Waitable<T> {
  /** Fires the signal with `value`: each waiter resumes in its own event at the current time. */
  fire(value: T): void {
    this.settle(value);
  }
}

/**
 * A running generator. Its `value` is the generator's return value once done, so a process can
 * `yield` another process to wait for it to finish.
 */
export class Process<R = unknown> extends Waitable<R> {
  private readonly generator: Generator<Yieldable, R, unknown>;
  private resumeValue: unknown = undefined;
  private readonly stepAction: Action = () => this.step();
  private readonly wake = (value: unknown): void => {
    this.resumeValue = value;
    this.step();
  };

  constructor(sim: Simulator, body: ProcessBody<R>) {
    super(sim);
    this.generator = typeof body === 'function' ? body() : body;
    sim.schedule(0, this.stepAction);
  }

  private step(): void {
    let value = this.resumeValue;
    this.resumeValue = undefined;
    for (;;) {
      const next = this.generator.next(value);
      if (next.done === true) {
        this.settle(next.value);
        return;
      }
      const command = next.value;
      if (command instanceof Timeout) {
        this.resumeValue = command.value;
        this.sim.schedule(command.delay, this.stepAction, command.priority);
        return;
      }
      if (command instanceof Waitable) {
        if (command.done) {
          value = command.value;
          continue;
        }
        command.onDone(this.wake);
        return;
      }
      throw new TypeError(
        `A process yielded ${String(command)} at t=${this.sim.now} days: expected sim.timeout(days), a signal, ` +
          'a resource request or a process',
      );
    }
  }
}
