import { BucketQueue } from './bucket-queue.js';
import { NEVER, type EventHandle } from './simulator.js';

/**
 * A simulator whose events are integer codes, all handed to one function given to `run`: for models
 * that keep their state in arrays, an event is then a number (say slot * kinds + kind) rather than a
 * closure per slot, so nothing is allocated per slot or per event and firing one reads no closure.
 * Clock, ordering (time, priority, insertion sequence), cancellation and `run`/`stop` are exactly
 * `Simulator`'s. Its future-event list is a `BucketQueue` (the current bucket of `bucketDays`
 * sorted once, with a small heap for events added to it, the later ones in buckets), so an event costs about the same with a hundred thousand
 * pending as with a thousand.
 */
export class CodedSimulator {
  /** Current simulation time in days. */
  now = 0;
  /** Number of events fired so far (cancelled events excluded). */
  eventsFired = 0;
  private readonly queue: BucketQueue;
  private stopped = false;

  /** `startTime` in days; `bucketDays`: the span of the queue's buckets (about the time a few hundred events take is best). */
  constructor(startTime = 0, bucketDays = 1) {
    this.now = startTime;
    this.queue = new BucketQueue(startTime, bucketDays);
  }

  /**
   * Clears every pending event and starts the clock again at `startTime` (days), keeping the queue's
   * grown arrays: afterwards the simulator behaves exactly as a new one (handles restart too).
   */
  reset(startTime = 0): void {
    this.queue.reset(startTime);
    this.now = startTime;
    this.eventsFired = 0;
    this.stopped = false;
  }

  /** Number of pending events, cancelled ones excluded. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedules event `code` (an integer) at absolute time `time` (days, not before now; Infinity means never). */
  scheduleAt(time: number, code: number, priority = 0): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`CodedSimulator.scheduleAt: time ${time} is before now (${this.now})`);
    }
    if (time === Infinity) return NEVER;
    return this.queue.push(time, priority, code);
  }

  /** Cancels a pending event so that it never fires; false when it has already fired or been cancelled. O(1). */
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

  /**
   * Fires events in order, each by `fire(code)`, until the next one is later than `until` (days), the
   * list empties or `stop()` is called. The clock ends at `until` when that is finite and the run was
   * not stopped early.
   */
  run(until: number, fire: (code: number) => void): void {
    const queue = this.queue;
    this.stopped = false;
    let code: number | undefined;
    while ((code = queue.popUntil(until)) !== undefined) {
      this.now = queue.lastTime;
      this.eventsFired++;
      fire(code);
      if (this.stopped) return;
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }
}
