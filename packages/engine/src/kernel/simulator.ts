import { EventQueue } from './event-queue.js';

/** An action run when its event fires; `sim.now` is the event's time. */
export type Action = () => void;

/** Identifies a scheduled event, for `cancel`. */
export type EventHandle = number;

/**
 * The simulation clock (in days) and its future-event list. Events run in order of
 * (time, priority, insertion sequence): lower priority numbers first at equal times.
 */
export class Simulator {
  /** Current simulation time in days. */
  now = 0;
  /** Number of events fired so far (cancelled events excluded). */
  eventsFired = 0;
  private readonly queue = new EventQueue<Action>();
  private readonly cancelled = new Set<number>();
  private stopped = false;

  constructor(startTime = 0) {
    this.now = startTime;
  }

  /** Number of pending events, cancelled ones included until they reach the front. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `action` after `delay` days (>= 0). */
  schedule(delay: number, action: Action, priority = 0): EventHandle {
    if (!(delay >= 0)) throw new RangeError(`Simulator.schedule: delay must be >= 0 days, got ${delay}`);
    return this.queue.push(this.now + delay, priority, action);
  }

  /** Schedules `action` at absolute time `time` (days, not before now). */
  scheduleAt(time: number, action: Action, priority = 0): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`Simulator.scheduleAt: time ${time} is before now (${this.now})`);
    }
    return this.queue.push(time, priority, action);
  }

  /** Cancels a pending event lazily: it is dropped when it reaches the front. */
  cancel(handle: EventHandle): void {
    this.cancelled.add(handle);
  }

  /** Stops `run` after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Fires events in order until the next one is later than `until` (days), the list empties,
   * `stop()` is called, or `condition` (checked after each event) returns false.
   * The clock ends at `until` when that is finite and the run was not stopped early.
   */
  run(until = Infinity, condition?: () => boolean): void {
    const queue = this.queue;
    const cancelled = this.cancelled;
    this.stopped = false;
    while (queue.size > 0 && queue.peekTime() <= until) {
      const action = queue.pop()!;
      if (cancelled.size > 0 && cancelled.delete(queue.lastSequence)) continue;
      this.now = queue.lastTime;
      this.eventsFired++;
      action();
      if (this.stopped || (condition !== undefined && !condition())) return;
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }
}
