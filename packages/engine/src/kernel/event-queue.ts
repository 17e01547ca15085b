const TWO_32 = 4294967296;
/** Priorities are integers in [-2^20, 2^20] so that priority * 2^32 + sequence stays an exact double. */
const MAX_PRIORITY = 1048576;
/** A handle is generation * 2^26 + slot: up to 2^26 events pending at once. */
const SLOT_BITS = 26;
const SLOT_LIMIT = 1 << SLOT_BITS;
const GENERATION_MASK = (1 << 27) - 1;
const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

/**
 * Future-event list: a binary heap over typed arrays ordered by (time, priority, insertion sequence),
 * so events at equal time and priority leave first-in first-out and a run is reproducible.
 *
 * The heap moves only a time (Float64Array) and a slot number (Int32Array) per level; the tie-break
 * key, payload and cancellation flag of each event sit in per-slot arrays that are touched only on a
 * tie or at the ends, and slots are reused last-in first-out so those stay in cache.
 * Nothing is allocated per event once the arrays have grown to the peak number pending.
 */
export class EventQueue<T> {
  private times: Float64Array;
  private heap: Int32Array;
  /** By slot: priority * 2^32 + sequence, so one comparison orders both. */
  private keys: Float64Array;
  /** By slot: bumped each time the slot is freed, so a stale handle never matches. */
  private generations: Int32Array;
  /** By slot: FREE, PENDING or CANCELLED. */
  private states: Uint8Array;
  private payloads: (T | undefined)[] = [];
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private count = 0;
  private cancelledCount = 0;
  private sequence = 0;

  /** Time of the event last popped. */
  lastTime = NaN;
  private lastKey = NaN;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(1, Math.floor(initialCapacity));
    this.times = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.generations = new Int32Array(capacity);
    this.states = new Uint8Array(capacity);
    this.freeSlots = new Int32Array(capacity);
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
    if (priority !== Math.trunc(priority) || priority > MAX_PRIORITY || priority < -MAX_PRIORITY) {
      throw new RangeError(`EventQueue.push: priority must be an integer in [-2^20, 2^20], got ${priority}`);
    }
    if (this.count === this.times.length) this.grow();
    if (this.sequence === TWO_32) this.renumber();
    const seq = this.sequence++;
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.slotCount++;
    const key = priority * TWO_32 + seq;
    const times = this.times;
    const heap = this.heap;
    const keys = this.keys;
    keys[slot] = key;
    this.states[slot] = PENDING;
    this.payloads[slot] = payload;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && keys[heap[parent]!]! < key)) break;
      times[i] = pt;
      heap[i] = heap[parent]!;
      i = parent;
    }
    times[i] = time;
    heap[i] = slot;
    return this.generations[slot]! * SLOT_LIMIT + slot;
  }

  /** Removes the earliest pending event and returns its payload; `lastTime`/`lastSequence` describe it. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    let slot = this.removeTop();
    if (this.cancelledCount > 0) {
      while (this.states[slot] === CANCELLED) {
        this.cancelledCount--;
        this.freeSlot(slot);
        if (this.count === 0) return undefined;
        slot = this.removeTop();
      }
    }
    const payload = this.payloads[slot];
    this.freeSlot(slot);
    return payload;
  }

  /**
   * Cancels the pending event with this handle, so it is never popped; returns false when the
   * event already left the queue or was cancelled before. The entry is dropped when it reaches the front.
   */
  cancel(handle: number): boolean {
    if (!(handle >= 0) || handle !== Math.trunc(handle)) return false;
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    if (slot >= this.slotCount || this.generations[slot] !== generation) return false;
    if (this.states[slot] !== PENDING) return false;
    this.states[slot] = CANCELLED;
    this.cancelledCount++;
    this.payloads[slot] = undefined;
    return true;
  }

  /** Whether the event with this handle is still pending and not cancelled. */
  isPending(handle: number): boolean {
    if (!(handle >= 0) || handle !== Math.trunc(handle)) return false;
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    return slot < this.slotCount && this.generations[slot] === generation && this.states[slot] === PENDING;
  }

  /**
   * Insertion sequence number of the event last popped: it orders events pushed to this queue
   * (renumbered, order kept, after 2^32 pushes).
   */
  get lastSequence(): number {
    return this.lastKey - Math.floor(this.lastKey / TWO_32) * TWO_32;
  }

  /** Priority of the event last popped. */
  get lastPriority(): number {
    return Math.floor(this.lastKey / TWO_32);
  }

  /** Removes every pending event; handles issued before no longer match anything. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.freeSlot(this.heap[i]!);
    this.count = 0;
    this.cancelledCount = 0;
  }

  private removeTop(): number {
    const times = this.times;
    const heap = this.heap;
    const keys = this.keys;
    const slot = heap[0]!;
    this.lastTime = times[0]!;
    this.lastKey = keys[slot]!;
    const n = --this.count;
    if (n > 0) {
      const time = times[n]!;
      const last = heap[n]!;
      const key = keys[last]!;
      const half = n >> 1;
      let i = 0;
      while (i < half) {
        let child = 2 * i + 1;
        let ct = times[child]!;
        const right = child + 1;
        if (right < n) {
          const rt = times[right]!;
          if (rt < ct || (rt === ct && keys[heap[right]!]! < keys[heap[child]!]!)) {
            child = right;
            ct = rt;
          }
        }
        if (time < ct || (time === ct && key < keys[heap[child]!]!)) break;
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
    while (this.count > 0 && this.states[this.heap[0]!] === CANCELLED) {
      const slot = this.removeTop();
      this.cancelledCount--;
      this.freeSlot(slot);
    }
  }

  private freeSlot(slot: number): void {
    this.payloads[slot] = undefined;
    this.states[slot] = FREE;
    this.generations[slot] = (this.generations[slot]! + 1) & GENERATION_MASK;
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    if (this.times.length >= SLOT_LIMIT) throw new RangeError(`EventQueue: more than 2^${SLOT_BITS} events pending`);
    const capacity = Math.min(this.times.length * 2, SLOT_LIMIT);
    const grown = <A extends Float64Array | Int32Array | Uint8Array>(from: A, to: A): A => {
      to.set(from);
      return to;
    };
    this.times = grown(this.times, new Float64Array(capacity));
    this.heap = grown(this.heap, new Int32Array(capacity));
    this.keys = grown(this.keys, new Float64Array(capacity));
    this.generations = grown(this.generations, new Int32Array(capacity));
    this.states = grown(this.states, new Uint8Array(capacity));
    this.freeSlots = grown(this.freeSlots, new Int32Array(capacity));
  }

  /** Gives pending events sequence numbers 0..count-1 in their current order, keeping priorities. */
  private renumber(): void {
    const keys = this.keys;
    const slots = Array.from(this.heap.subarray(0, this.count)).sort((a, b) => keys[a]! - keys[b]!);
    // Equal keys cannot occur: sequences are unique. Renumbering keeps every key comparison's result.
    const byPriority = slots.map((slot) => Math.floor(keys[slot]! / TWO_32));
    slots.forEach((slot, seq) => {
      keys[slot] = byPriority[seq]! * TWO_32 + seq;
    });
    this.sequence = slots.length;
  }
}
