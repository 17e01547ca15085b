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
/** Per slot in `slotData`: [key, handle or marker, time, code]. */
const STRIDE = 4;
/**
 * A bucket is a chain of blocks of BLOCK doubles from one pool: [next block, then up to BLOCK_SLOTS
 * (time, slot) pairs]. The time sits beside the slot so that moving a bucket into the heap reads the
 * pool in order, not each event's slot (a cache miss apiece when many events are pending).
 */
const BLOCK = 16;
const BLOCK_SLOTS = (BLOCK - 2) / 2;

/**
 * Future-event list for integer event codes with a small heap for the near future and buckets for
 * the rest: the order is exactly `EventQueue`'s, (time, priority, insertion sequence), but a pop
 * costs about the same with a hundred thousand events pending as with a thousand.
 *
 * Times are cut into buckets of `bucketWidth` (bucket index floor(time / width), monotone in time).
 * The heap holds every event of the buckets up to the current one; a ring of `ringBuckets` buckets
 * holds the next ones (an event appended in O(1), no ordering); events further ahead wait in a
 * second heap ordered by time alone. When the near heap empties, the next non-empty bucket is moved
 * into it. Every event in the heap is earlier than every event outside it (their buckets are
 * earlier), and the heap orders by the same (time, priority, sequence) key, so events leave in the
 * same order as from one heap. A binary heap of n events walks log2(n) levels per pop, and when a
 * model's own memory traffic evicts the lower levels from cache each level is a miss: with a
 * day-wide bucket the heap holds about a day of events.
 *
 * Cancellation is O(1) and lazy, as in `EventQueue`: a cancelled entry stays where it is and is
 * dropped when it reaches the top of the heap. `push` is called once per event and `removeTop` once
 * per entry leaving the top (cancelled ones included), so the sequence of pushes and removals is
 * that of one lazy-deletion heap (the model bench replays it on a bare heap).
 */
export class BucketQueue {
  // The near heap: times by position (Infinity from `count` on) and slots by position.
  private times: Float64Array;
  private heap: Int32Array;
  private count = 0;
  private slotData: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  /** Entries anywhere (heap, ring, far heap), cancelled ones included. */
  private held = 0;
  private cancelledCount = 0;
  private sequence = 0;
  private nextId = 0;

  // Buckets: the heap holds buckets <= current; the ring (current, current + ringSize]; the far heap the rest.
  private readonly scale: number;
  private current: number;
  private readonly ringSize: number;
  private readonly ringMask: number;
  private readonly ringHead: Int32Array;
  private readonly ringFill: Int32Array;
  private ringCount = 0;
  private pool: Float64Array;
  private poolUsed = 0;
  private freeBlock = -1;
  private farTimes: Float64Array;
  private farSlots: Int32Array;
  private farCount = 0;

  /** Time of the event last popped. */
  lastTime = NaN;

  /**
   * `startTime`: no event will be earlier (the simulation's start); `bucketWidth`: the span of a
   * bucket (days, > 0); `ringBuckets`: how many buckets ahead are kept in the ring (a power of two).
   */
  constructor(startTime = 0, bucketWidth = 1, ringBuckets = 4096, initialCapacity = 1024) {
    if (!(bucketWidth > 0 && bucketWidth < Infinity)) throw new RangeError(`BucketQueue: bucket width must be > 0, got ${bucketWidth}`);
    if (!(ringBuckets >= 1 && (ringBuckets & (ringBuckets - 1)) === 0 && ringBuckets <= 1 << 24)) {
      throw new RangeError(`BucketQueue: ring buckets must be a power of two up to 2^24, got ${ringBuckets}`);
    }
    if (Number.isNaN(startTime)) throw new RangeError('BucketQueue: start time is NaN');
    this.scale = 1 / bucketWidth;
    this.current = Math.floor(startTime * this.scale);
    this.ringSize = ringBuckets;
    this.ringMask = ringBuckets - 1;
    this.ringHead = new Int32Array(ringBuckets).fill(-1);
    this.ringFill = new Int32Array(ringBuckets);
    const capacity = Math.min(SLOT_LIMIT - 1, Math.max(1, Math.floor(initialCapacity)));
    this.times = new Float64Array(capacity + 1).fill(Infinity);
    this.heap = new Int32Array(capacity + 1);
    this.slotData = new Float64Array(STRIDE * capacity);
    this.freeSlots = new Int32Array(capacity);
    this.pool = new Float64Array(BLOCK * 64);
    this.farTimes = new Float64Array(64);
    this.farSlots = new Int32Array(64);
  }

  /**
   * Empties the queue for a new run from `startTime`, keeping its grown arrays (a simulation that runs
   * many replications allocates them once). Handles issued before no longer match anything, and the
   * queue then behaves exactly as a new one.
   */
  reset(startTime: number): void {
    if (Number.isNaN(startTime)) throw new RangeError('BucketQueue: start time is NaN');
    this.times.fill(Infinity, 0, this.count);
    this.count = 0;
    if (this.ringCount > 0) {
      this.ringHead.fill(-1);
      this.ringFill.fill(0);
      this.ringCount = 0;
    }
    // Slots from 0 again: a handle issued before matches nothing (its id is not reissued for 2^27 pushes).
    this.freeCount = 0;
    this.slotCount = 0;
    this.held = 0;
    this.cancelledCount = 0;
    this.sequence = 0;
    this.current = Math.floor(startTime * this.scale);
    this.poolUsed = 0;
    this.freeBlock = -1;
    this.farCount = 0;
    this.lastTime = NaN;
  }

  /** Number of pending events that have not been cancelled. */
  get size(): number {
    return this.held - this.cancelledCount;
  }

  /**
   * Adds event `code` (any number) at `time` with an integer `priority` in [-2^20, 2^20] (lower first
   * at equal times); returns a handle, unique for this queue, that `cancel` accepts.
   */
  push(time: number, priority: number, code: number): number {
    if (!(time === time)) throw new RangeError('BucketQueue.push: time is NaN');
    if (priority !== 0 && ((priority | 0) !== priority || priority > MAX_PRIORITY || priority < -MAX_PRIORITY)) {
      throw new RangeError(`BucketQueue.push: priority must be an integer in [-2^20, 2^20], got ${priority}`);
    }
    if (this.sequence === TWO_32) this.renumber();
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else {
      if (this.slotCount === this.freeSlots.length) this.growSlots();
      slot = this.slotCount++;
    }
    const key = priority * TWO_32 + this.sequence++;
    const handle = this.nextId * SLOT_LIMIT + slot;
    this.nextId = (this.nextId + 1) & ID_MASK;
    const data = this.slotData;
    const at = STRIDE * slot;
    data[at] = key;
    data[at + 1] = handle;
    data[at + 2] = time;
    data[at + 3] = code;
    this.held++;
    this.place(slot, time);
    return handle;
  }

  /**
   * Removes and returns the code of the earliest pending event when its time is at most `until`
   * (`lastTime` is then its time); otherwise returns undefined and leaves the order as it was.
   */
  popUntil(until: number): number | undefined {
    for (;;) {
      if (this.count === 0 && !this.refill()) return undefined;
      if (this.slotData[STRIDE * this.heap[0]! + 1] !== CANCELLED) break;
      this.freeSlot(this.removeTop());
      this.cancelledCount--;
      this.held--;
    }
    const time = this.times[0]!;
    if (time > until) return undefined;
    this.lastTime = time;
    const slot = this.removeTop();
    this.held--;
    const code = this.slotData[STRIDE * slot + 3]!;
    this.freeSlot(slot);
    return code;
  }

  /** Removes and returns the code of the earliest pending event, or undefined when there is none. */
  pop(): number | undefined {
    return this.popUntil(Infinity);
  }

  /** Time of the earliest pending (not cancelled) event, or Infinity when there is none. */
  peekTime(): number {
    for (;;) {
      if (this.count === 0 && !this.refill()) return Infinity;
      if (this.slotData[STRIDE * this.heap[0]! + 1] !== CANCELLED) return this.times[0]!;
      this.freeSlot(this.removeTop());
      this.cancelledCount--;
      this.held--;
    }
  }

  /**
   * Cancels the pending event with this handle, so it is never popped; returns false when the event
   * already left the queue or was cancelled before. The entry is dropped when it reaches the front.
   */
  cancel(handle: number): boolean {
    const slot = this.pendingSlot(handle);
    if (slot < 0) return false;
    this.slotData[STRIDE * slot + 1] = CANCELLED;
    this.cancelledCount++;
    return true;
  }

  /** Whether the event with this handle is still pending and not cancelled. */
  isPending(handle: number): boolean {
    return this.pendingSlot(handle) >= 0;
  }

  private pendingSlot(handle: number): number {
    if (!(handle >= 0)) return -1;
    const slot = handle % SLOT_LIMIT;
    return slot < this.slotCount && this.slotData[STRIDE * slot + 1] === handle ? slot : -1;
  }

  /** Puts `slot` (at `time`) in the heap, the ring or the far heap, by its bucket. */
  private place(slot: number, time: number): void {
    const b = Math.floor(time * this.scale);
    if (b <= this.current) this.heapInsert(slot, time);
    else if (b - this.current <= this.ringSize) this.ringAppend(b & this.ringMask, slot, time);
    else this.farPush(slot, time);
  }

  private heapInsert(slot: number, time: number): void {
    if (this.count === this.times.length - 1) this.growHeap();
    const data = this.slotData;
    const times = this.times;
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      // Keys are read only on a tie of times: the new event's slot is rarely in cache.
      if (pt < time || (pt === time && data[STRIDE * heap[parent]!]! < data[STRIDE * slot]!)) break;
      times[i] = pt;
      heap[i] = heap[parent]!;
      i = parent;
    }
    times[i] = time;
    heap[i] = slot;
  }

  /** Removes the heap's top entry and returns its slot (the same sift-down as `EventQueue`). */
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
        if (right === left) {
          if (child + 1 < n && data[STRIDE * heap[child + 1]!]! < data[STRIDE * heap[child]!]!) child++;
        } else {
          child += +(right < left);
        }
        const ct = times[child]!;
        if (time < ct || (time === ct && data[STRIDE * last]! < data[STRIDE * heap[child]!]!)) break;
        times[i] = ct;
        heap[i] = heap[child]!;
        i = child;
      }
      times[i] = time;
      heap[i] = last;
    }
    return slot;
  }

  /** The heap is empty: moves the next non-empty bucket into it; false when nothing is pending. */
  private refill(): boolean {
    for (;;) {
      if (this.ringCount === 0) {
        if (this.farCount === 0) return false;
        // Nothing in the ring: jump to the bucket before the far heap's earliest.
        const b = Math.floor(this.farTimes[0]! * this.scale);
        if (b - 1 > this.current) this.current = b - 1;
      }
      const next = ++this.current;
      const k = next & this.ringMask;
      if (this.ringHead[k]! >= 0) this.drain(k);
      // The ring now reaches bucket next + ringSize (ring index k, just emptied).
      while (this.farCount > 0 && Math.floor(this.farTimes[0]! * this.scale) <= next + this.ringSize) {
        const slot = this.farPop();
        this.place(slot, this.slotData[STRIDE * slot + 2]!);
      }
      if (this.count > 0) return true;
    }
  }

  private ringAppend(k: number, slot: number, time: number): void {
    let head = this.ringHead[k]!;
    let fill = this.ringFill[k]!;
    if (head < 0 || fill === BLOCK_SLOTS) {
      // A new head block, linked to the full one (takeBlock may grow the pool: read it after).
      const block = this.takeBlock();
      this.pool[block] = head;
      this.ringHead[k] = head = block;
      fill = 0;
    }
    const at = head + 2 + 2 * fill;
    this.pool[at] = time;
    this.pool[at + 1] = slot;
    this.ringFill[k] = fill + 1;
    this.ringCount++;
  }

  /** Moves ring bucket `k` (all in the current bucket) into the heap. */
  private drain(k: number): void {
    let block = this.ringHead[k]!;
    let fill = this.ringFill[k]!;
    this.ringHead[k] = -1;
    this.ringFill[k] = 0;
    while (block >= 0) {
      const pool = this.pool;
      for (let j = 0; j < fill; j++) this.heapInsert(pool[block + 3 + 2 * j]!, pool[block + 2 + 2 * j]!);
      this.ringCount -= fill;
      const next = pool[block]!;
      pool[block] = this.freeBlock;
      this.freeBlock = block;
      block = next;
      fill = BLOCK_SLOTS;
    }
  }

  private takeBlock(): number {
    if (this.freeBlock >= 0) {
      const block = this.freeBlock;
      this.freeBlock = this.pool[block]!;
      return block;
    }
    if (this.poolUsed === this.pool.length) {
      const bigger = new Float64Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    const block = this.poolUsed;
    this.poolUsed += BLOCK;
    return block;
  }

  private farPush(slot: number, time: number): void {
    if (this.farCount === this.farTimes.length) {
      const times = new Float64Array(this.farTimes.length * 2);
      times.set(this.farTimes);
      this.farTimes = times;
      const slots = new Int32Array(this.farSlots.length * 2);
      slots.set(this.farSlots);
      this.farSlots = slots;
    }
    const times = this.farTimes;
    const slots = this.farSlots;
    let i = this.farCount++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  private farPop(): number {
    const times = this.farTimes;
    const slots = this.farSlots;
    const top = slots[0]!;
    const n = --this.farCount;
    if (n > 0) {
      const time = times[n]!;
      const slot = slots[n]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && times[child + 1]! < times[child]!) child++;
        if (time <= times[child]!) break;
        times[i] = times[child]!;
        slots[i] = slots[child]!;
        i = child;
      }
      times[i] = time;
      slots[i] = slot;
    }
    return top;
  }

  private freeSlot(slot: number): void {
    this.slotData[STRIDE * slot + 1] = FREE;
    this.freeSlots[this.freeCount++] = slot;
  }

  private growSlots(): void {
    const old = this.freeSlots.length;
    if (old >= SLOT_LIMIT - 1) throw new RangeError(`BucketQueue: more than 2^${SLOT_BITS} events pending`);
    const capacity = Math.min(old * 2, SLOT_LIMIT - 1);
    const data = new Float64Array(STRIDE * capacity);
    data.set(this.slotData);
    this.slotData = data;
    const free = new Int32Array(capacity);
    free.set(this.freeSlots);
    this.freeSlots = free;
  }

  private growHeap(): void {
    const capacity = (this.times.length - 1) * 2;
    const times = new Float64Array(capacity + 1).fill(Infinity);
    times.set(this.times);
    this.times = times;
    const heap = new Int32Array(capacity + 1);
    heap.set(this.heap);
    this.heap = heap;
  }

  /** Gives pending events (wherever they wait) sequence numbers 0..n-1 in their current order, keeping priorities. */
  private renumber(): void {
    const data = this.slotData;
    const slots: number[] = [];
    for (let s = 0; s < this.slotCount; s++) if (data[STRIDE * s + 1] !== FREE) slots.push(s);
    // Sequences are unique, so the sort has no ties and renumbering keeps every key comparison's result.
    slots.sort((a, b) => data[STRIDE * a]! - data[STRIDE * b]!);
    const priorities = slots.map((slot) => Math.floor(data[STRIDE * slot]! / TWO_32));
    slots.forEach((slot, seq) => {
      data[STRIDE * slot] = priorities[seq]! * TWO_32 + seq;
    });
    this.sequence = slots.length;
  }
}
