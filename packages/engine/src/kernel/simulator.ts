import { EventQueue } from './event-queue.js';
import { Process, Signal, Timeout, type ProcessBody } from './process.js';

/** An action run when its event fires; `sim.now` is the event's time. */
export type Action = () => void;

/** Identifies a scheduled event, for `cancel`. */
export type EventHandle = number;

/** The handle of an event at infinite time: it is never held, never fires, and cancelling it does nothing. */
export const NEVER: EventHandle = -1;

/**
 * The simulation clock (in days) and its future-event list. Events run in order of
 * (time, priority, insertion sequence): lower priority numbers first at equal times, then first scheduled first.
 */
export class Simulator {
  /** Current simulation time in days. */
  now = 0;
  /** Number of events fired so far (cancelled events excluded). */
  eventsFired = 0;
  private readonly queue = new EventQueue<Action>();
  private stopped = false;

  constructor(startTime = 0) {
    this.now = startTime;
  }

  /** Number of pending events, cancelled ones excluded. */
  get pending(): number {
    return this.queue.size;
  }

  /** Time in days of the next event to fire, or Infinity when none is pending. */
  get nextTime(): number {
    return this.queue.peekTime();
  }

  /** Schedules `action` after `delay` days (>= 0; Infinity means never, and returns `NEVER`). */
  schedule(delay: number, action: Action, priority = 0): EventHandle {
    if (!(delay >= 0 && delay < Infinity)) {
      if (delay === Infinity) return NEVER;
      throw new RangeError(`Simulator.schedule: delay must be >= 0 days, got ${delay}`);
    }
    return this.queue.push(this.now + delay, priority, action);
  }

  /** Schedules `action` at absolute time `time` (days, not before now; Infinity means never). */
  scheduleAt(time: number, action: Action, priority = 0): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`Simulator.scheduleAt: time ${time} is before now (${this.now})`);
    }
    if (time === Infinity) return NEVER;
    return this.queue.push(time, priority, action);
  }

  /**
   * Cancels a pending event so that it never fires; returns false when it has already fired or been
   * cancelled. O(1): the entry is discarded when it reaches the front of the queue.
   */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Whether the event with this handle is still to fire. */
  isPending(handle: EventHandle): boolean {
    return this.queue.isPending(handle);
  }

  /** Stops `run` after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** A command for a process to `yield`: resume after `delay` days with `value`. */
  timeout<T = undefined>(delay: number, value?: T, priority = 0): Timeout<T> {
    if (!(delay >= 0)) throw new RangeError(`Simulator.timeout: delay must be >= 0 days, got ${delay}`);
    return new Timeout(delay, value as T, priority);
  }

  /** A one-shot signal that processes can `yield` to wait for, fired by `signal.fire(value)`. */
  signal<T = void>(): Signal<T> {
    return new Signal<T>(this);
  }

  /**
   * Starts a process: a generator (or generator function) that yields `sim.timeout(days)`, a
   * resource request, a signal or another process, and resumes when it is over. It first runs in
   * an event at the current time.
   */
  process<R>(body: ProcessBody<R>): Process<R> {
    return new Process<R>(this, body);
  }

  /**
   * Fires events in order until the next one is later than `until` (days), the list empties,
   * `stop()` is called, or `condition` (checked after each event) returns false.
   * The clock ends at `until` when that is finite and the run was not stopped early.
   */
  run(until = Infinity, condition?: () => boolean): void {
    const queue = this.queue;
    this.stopped = false;
    let action: Action | undefined;
    while ((action = queue.popUntil(until)) !== undefined) {
      this.now = queue.lastTime;
      this.eventsFired++;
      action();
      if (this.stopped || (condition !== undefined && !condition())) return;
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }
}
