const TWO_32 = 4294967296;
/** Priorities are integers in [-2^20, 2^20] so that priority * 2^32 + sequence stays an exact double. */
const MAX_PRIORITY = 1048576;
/** A handle is id * 2^26 + slot, id counting pushes modulo 2^27: up to 2^26 events pending at once. */
const SLOT_BITS = 26;
const SLOT_LIMIT = 1 << SLOT_BITS;
const ID_MASK = (1 << 27) - 1;
/** Slot markers in place of a handle. */
const FREE = -1;
const CANCELLED = -2;

/**
 * Future-event list: a binary heap over typed arrays ordered by (time, priority, insertion sequence),
 * so events at equal time and priority leave first-in first-out and a run is reproducible.
 *
 * The heap moves only a time (Float64Array) and a slot number (Int32Array) per level. Each event's
 * tie-break key and handle sit side by side in a per-slot array that a pop only writes (a store never
 * stalls on a cache miss) and reads only on a tie or to cancel; slots are reused last-in first-out.
 * Nothing is allocated per event once the arrays have grown to the peak number pending.
 */
export class EventQueue<T> {
  private times: Float64Array;
  private heap: Int32Array;
  /** By slot s: [2s] = priority * 2^32 + sequence (one comparison orders both), [2s+1] = handle or marker. */
  private slotData: Float64Array;
  private payloads: (T | undefined)[] = [];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private count = 0;
  private cancelledCount = 0;
  private sequence = 0;
  private nextId = 0;
  /** The slot of the event last popped, kept out of reuse until the next pop so `lastSequence` can read it. */
  private heldSlot = -1;

  /** Time of the event last popped. */
  lastTime = NaN;

  constructor(initialCapacity = 1024) {
    const capacity = Math.min(SLOT_LIMIT - 1, Math.max(1, Math.floor(initialCapacity)));
    // Positions from `count` on hold Infinity, so every node inside the heap has a right child to compare.
    this.times = new Float64Array(capacity + 1).fill(Infinity);
    this.heap = new Int32Array(capacity + 1);
    // One slot more than the heap holds: the held slot.
    this.slotData = new Float64Array(2 * (capacity + 1));
    this.freeSlots = new Int32Array(capacity + 1);
  }

  /** Number of pending events that have not been cancelled. */
  get size(): number {
    return this.count - this.cancelledCount;
  }

  /** Time of the earliest pending (not cancelled) event, or Infinity when there is none. */
  peekTime(): number {
    if (this.cancelledCount > 0) this.dropCancelledHead();
    return this.count > 0 ? this.times[0]! : Infinity;
  }

  /**
   * Adds an event at `time` with an integer `priority` in [-2^20, 2^20] (lower first at equal times);
   * returns a handle, unique for this queue, that `cancel` accepts.
   */
  push(time: number, priority: number, payload: T): number {
    if (!(time === time)) throw new RangeError('EventQueue.push: time is NaN');
    if (priority !== 0 && ((priority | 0) !== priority || priority > MAX_PRIORITY || priority < -MAX_PRIORITY)) {
      throw new RangeError(`EventQueue.push: priority must be an integer in [-2^20, 2^20], got ${priority}`);
    }
    if (this.count === this.times.length - 1) this.grow();
    if (this.sequence === TWO_32) this.renumber();
    const key = priority * TWO_32 + this.sequence++;
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.slotCount++;
    const handle = this.nextId * SLOT_LIMIT + slot;
    this.nextId = (this.nextId + 1) & ID_MASK;
    const data = this.slotData;
    data[2 * slot] = key;
    data[2 * slot + 1] = handle;
    this.payloads[slot] = payload;
    const times = this.times;
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && data[2 * heap[parent]!]! < key)) break;
      times[i] = pt;
      heap[i] = heap[parent]!;
      i = parent;
    }
    times[i] = time;
    heap[i] = slot;
    return handle;
  }
  /** Removes the earliest pending event and returns its payload; `lastTime`/`lastSequence` describe it. */
  pop(): T | undefined {
    if (this.cancelledCount > 0) this.dropCancelledHead();
    if (this.count === 0) return undefined;
    return this.takeTop();
  }

  /**
   * Removes and returns the earliest pending event when its time is at most `until`; otherwise
   * returns undefined and leaves the queue as it was. One call per event for a simulation loop.
   */
  popUntil(until: number): T | undefined {
    if (this.cancelledCount > 0) this.dropCancelledHead();
    if (this.count === 0 || this.times[0]! > until) return undefined;
    return this.takeTop();
  }

  /**
   * Cancels the pending event with this handle, so it is never popped; returns false when the
   * event already left the queue or was cancelled before. The entry is dropped when it reaches the front.
   */
  cancel(handle: number): boolean {
    const slot = this.pendingSlot(handle);
    if (slot < 0) return false;
    this.slotData[2 * slot + 1] = CANCELLED;
    this.cancelledCount++;
    this.payloads[slot] = undefined;
    return true;
  }

  /** Whether the event with this handle is still pending and not cancelled. */
  isPending(handle: number): boolean {
    return this.pendingSlot(handle) >= 0;
  }

  /**
   * Insertion sequence number of the event last popped: it orders events pushed to this queue
   * (renumbered, order kept, after 2^32 pushes).
   */
  get lastSequence(): number {
    const key = this.lastKey();
    return key - Math.floor(key / TWO_32) * TWO_32;
  }

  /** Priority of the event last popped. */
  get lastPriority(): number {
    return Math.floor(this.lastKey() / TWO_32);
  }

  private lastKey(): number {
    return this.heldSlot >= 0 ? this.slotData[2 * this.heldSlot]! : NaN;
  }

  /** Removes every pending event; handles issued before no longer match anything. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.freeSlot(this.heap[i]!);
    this.times.fill(Infinity, 0, this.count);
    this.count = 0;
    this.cancelledCount = 0;
  }

  /** The slot of the pending, not cancelled, event with this handle, or -1. */
  private pendingSlot(handle: number): number {
    if (!(handle >= 0)) return -1;
    const slot = handle % SLOT_LIMIT;
    return slot < this.slotCount && this.slotData[2 * slot + 1] === handle ? slot : -1;
  }

  /** Pops the heap's top (known to be live), frees its slot and returns its payload. */
  private takeTop(): T | undefined {
    this.lastTime = this.times[0]!;
    const slot = this.removeTop();
    const payload = this.payloads[slot];
    this.payloads[slot] = undefined;
    this.slotData[2 * slot + 1] = FREE;
    if (this.heldSlot >= 0) this.freeSlots[this.freeCount++] = this.heldSlot;
    this.heldSlot = slot;
    return payload;
  }

  private removeTop(): number {
    const times = this.times;
    const heap = this.heap;
    const data = this.slotData;
    const slot = heap[0]!;
    const n = --this.count;
    const time = times[n]!;
    times[n] = Infinity;
    if (n > 0) {
      const last = heap[n]!;
      const half = n >> 1;
      let i = 0;
      while (i < half) {
        let child = 2 * i + 1;
        const left = times[child]!;
        const right = times[child + 1]!;
        // Picking the earlier child by arithmetic rather than a branch: the branch would be a coin
        // toss for the CPU's predictor. Only an exact tie (rare, predictable) looks at the keys.
        if (right === left) {
          if (child + 1 < n && data[2 * heap[child + 1]!]! < data[2 * heap[child]!]!) child++;
        } else {
          child += +(right < left);
        }
        const ct = times[child]!;
        // The moving event's key is read only on a tie: it is rarely in cache.
        if (time < ct || (time === ct && data[2 * last]! < data[2 * heap[child]!]!)) break;
        times[i] = ct;
        heap[i] = heap[child]!;
        i = child;
      }
      times[i] = time;
      heap[i] = last;
    }
    return slot;
  }

  private dropCancelledHead(): void {
    const data = this.slotData;
    while (this.count > 0 && data[2 * this.heap[0]! + 1] === CANCELLED) {
      const slot = this.removeTop();
      this.cancelledCount--;
      this.freeSlot(slot);
    }
  }

  private freeSlot(slot: number): void {
    this.payloads[slot] = undefined;
    this.slotData[2 * slot + 1] = FREE;
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    const old = this.times.length - 1;
    if (old >= SLOT_LIMIT - 1) throw new RangeError(`EventQueue: more than 2^${SLOT_BITS} events pending`);
    const capacity = Math.min(old * 2, SLOT_LIMIT - 1);
    const grown = <A extends Float64Array | Int32Array>(from: A, to: A): A => {
      to.set(from);
      return to;
    };
    this.times = grown(this.times, new Float64Array(capacity + 1).fill(Infinity));
    this.heap = grown(this.heap, new Int32Array(capacity + 1));
    this.slotData = grown(this.slotData, new Float64Array(2 * (capacity + 1)));
    this.freeSlots = grown(this.freeSlots, new Int32Array(capacity + 1));
  }

  /** Gives pending events sequence numbers 0..count-1 in their current order, keeping priorities. */
  private renumber(): void {
    const data = this.slotData;
    // Sequences are unique, so the sort has no ties and renumbering keeps every key comparison's result.
    const slots = Array.from(this.heap.subarray(0, this.count)).sort((a, b) => data[2 * a]! - data[2 * b]!);
    const priorities = slots.map((slot) => Math.floor(data[2 * slot]! / TWO_32));
    slots.forEach((slot, seq) => {
      data[2 * slot] = priorities[seq]! * TWO_32 + seq;
    });
    this.sequence = slots.length;
  }
}
