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
  /** Typed loosely so that a Waitable<T> is usable wherever a Waitable<unknown> is expected. */
  private callbacks: ((value: unknown) => void)[] | undefined = undefined;
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
      (this.callbacks ??= []).push(callback as (value: unknown) => void);
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

  /** @internal Drops a callback added by `onDone` that has not been called yet; returns whether it was there. */
  removeCallback(callback: (value: T) => void): boolean {
    const callbacks = this.callbacks;
    if (callbacks === undefined) return false;
    const index = callbacks.indexOf(callback as (value: unknown) => void);
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

/** Thrown into a process by `process.interrupt(cause)` at the `yield` where it waits. */
export class Interrupt extends Error {
  constructor(
    /** Why the process was interrupted (model-defined). */
    override readonly cause: unknown,
  ) {
    super(`process interrupted: ${String(cause)}`);
    this.name = 'Interrupt';
  }
}

/**
 * A running generator. Its `value` is the generator's return value once done, so a process can
 * `yield` another process to wait for it to finish.
 */
export class Process<R = unknown> extends Waitable<R> {
  private readonly generator: Generator<Yieldable, R, unknown>;
  private resumeValue: unknown = undefined;
  private interruption: Interrupt | undefined = undefined;
  private started = false;
  private running = false;
  /** The event that will resume it after a timeout, or -1. */
  private timeoutHandle = -1;
  /** What it waits for besides a timeout. */
  private waitingOn: Waitable<unknown> | undefined = undefined;
  private readonly stepAction: Action = () => {
    this.timeoutHandle = -1;
    this.step();
  };
  private readonly wake = (value: unknown): void => {
    // A wake already queued when an interrupt came is stale: the interrupt resumes the process instead.
    if (this.waitingOn === undefined) return;
    this.waitingOn = undefined;
    this.resumeValue = value;
    this.step();
  };

  constructor(sim: Simulator, body: ProcessBody<R>) {
    super(sim);
    this.generator = typeof body === 'function' ? body() : body;
    sim.schedule(0, this.stepAction);
  }

  /**
   * Stops the current wait and throws an `Interrupt` carrying `cause` into the process at its
   * `yield`, in an event at the current time (SimPy's interrupt). A request it was waiting for stays
   * in the line: release it to leave. Returns false when the process has finished.
   */
  interrupt(cause?: unknown): boolean {
    if (this.done) return false;
    if (this.running) throw new Error('A process cannot interrupt itself');
    if (!this.started) throw new Error('A process cannot be interrupted before it starts');
    if (this.interruption !== undefined) return true;
    this.interruption = new Interrupt(cause);
    if (this.timeoutHandle >= 0) {
      this.sim.cancel(this.timeoutHandle);
      this.timeoutHandle = -1;
    }
    if (this.waitingOn !== undefined) {
      this.waitingOn.removeCallback(this.wake);
      this.waitingOn = undefined;
    }
    this.sim.schedule(0, this.stepAction);
    return true;
  }

  private step(): void {
    let value = this.resumeValue;
    this.resumeValue = undefined;
    this.started = true;
    this.running = true;
    for (;;) {
      const interruption = this.interruption;
      this.interruption = undefined;
      let next: IteratorResult<Yieldable, R>;
      try {
        next = interruption === undefined ? this.generator.next(value) : this.generator.throw(interruption);
      } finally {
        this.running = false;
      }
      if (next.done === true) {
        this.settle(next.value);
        return;
      }
      const command = next.value;
      if (command instanceof Timeout) {
        this.resumeValue = command.value;
        this.timeoutHandle = this.sim.schedule(command.delay, this.stepAction, command.priority);
        return;
      }
      if (command instanceof Waitable) {
        if (command.done) {
          value = command.value;
          this.running = true;
          continue;
        }
        this.waitingOn = command;
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
