const TWO_32 = 4294967296;
/** Priorities are integers in [-2^20, 2^20] so that priority * 2^32 + sequence stays an exact double. */
const MAX_PRIORITY = 1048576;
/** A handle is id * 2^26 + slot, id counting pushes modulo 2^27: up to 2^26 events pending at once. */
const SLOT_BITS = 26;
const SLOT_LIMIT = 1 << SLOT_BITS;
const ID_MASK = (1 << 27) - 1;
/** Slot markers in `slotIds` in place of an id. */
const FREE = -1;
const CANCELLED = -2;
/**
 * A bucket is a chain of blocks from one pool, each [next block, its size class, 2 unused, then up
 * to `blockSlots` << class entries of ENTRY doubles (time, key, code, slot)]. A bucket's first block
 * (class 0) holds `blockSlots` entries, and each next one is twice as large up to MAX_CLASS, so a
 * day of hundreds of events is a few blocks read in order, not a hundred scattered ones. An entry
 * carries everything the near heap and the run need, so a drain reads no event's slot.
 */
const ENTRY = 4;
const BLOCK_HEADER = 4;
/**
 * Entries of a first block: 7 (256 bytes) while the queue holds few events (most of Anytown's days then
 * fit in one block, sorted and popped where it is), 3 (128 bytes) once it uses groups (session 20).
 */
const BLOCK_SLOTS_FEW = 7;
const BLOCK_SLOTS_MANY = 3;
const MAX_CLASS = 8;
/**
 * Buckets in a coarse group of the ring: a far event waits in its group's chain (a few dozen tails,
 * which stay in cache, instead of a random day's), split into its day's chain when the group comes near.
 */
const GROUP_BUCKETS = 32;
/**
 * Groups pay only with many events pending (at Anytown's few hundred the ring is in cache anyway and a
 * split only copies): a queue uses them from its first reset after it has held this many at once, and
 * before that groups of half the ring (a split every few years).
 */
const GROUPED_FROM = 16384;
/** Where the front entry is (`front`'s answer). */
const NONE = -1;
const FROM_HEAP = 0;
const FROM_RUN = 1;
/**
 * Sorting a drained bucket: insertion after a counting sort by sub-bucket moves few entries; past
 * this many moves per entry (many entries in one sub-bucket, out of order) the run is sorted instead.
 */
const INSERTION_MOVES_PER_ENTRY = 8;
/** A drained bucket of at most this many entries is sorted by insertion alone (no counting sort). */
const INSERTION_ONLY = 16;

/**
 * Future-event list for integer event codes with a small heap for the near future and buckets for
 * the rest: the order is exactly `EventQueue`'s, (time, priority, insertion sequence), but a pop
 * costs about the same with a hundred thousand events pending as with a thousand.
 *
 * Times are cut into buckets of `bucketWidth` (bucket index floor(time / width), monotone in time).
 * Events of the current bucket wait in a sorted run and a near heap; a ring of `ringBuckets` buckets
 * holds the next ones (an event appended in O(1), no ordering); events further ahead wait in a
 * second heap ordered by time alone. When the run and the near heap are both empty, the next
 * non-empty bucket becomes current: its events are sorted once into the run (a counting sort by
 * sub-bucket, then insertion), which pops then read in order; events placed in the current bucket
 * after that go to the near heap, and a pop takes the earlier of the run's head and the heap's top.
 * Every event of the current bucket is earlier than every event outside it, and the run and heap
 * order by the same (time, priority, sequence) key, so events leave in the same order as from one
 * heap. A binary heap of n events walks log2(n) levels per pop, each a likely cache miss when a
 * model's own memory traffic evicts the lower levels: with a day-wide bucket the near heap holds
 * only what a day adds to itself (about a sixth of its events at England scale).
 *
 * Cancellation is O(1) and lazy, as in `EventQueue`: a cancelled entry stays where it is and is
 * dropped when it reaches the front. `push` is called once per event and `removeFront` once per
 * entry leaving the front (cancelled ones included), so the sequence of pushes and removals is that
 * of one lazy-deletion heap (the model bench replays it on a bare heap).
 */
export class BucketQueue {
  // The near heap: times by position (Infinity from `count` on) and near entries by position.
  private times: Float64Array;
  private heap: Int32Array;
  private count = 0;
  // Near entries (one per event in the near heap, reused last-in first-out): key, code and slot.
  private nearKeys: Float64Array;
  private nearCodes: Float64Array;
  private nearSlots: Int32Array;
  private nearFree: Int32Array;
  private nearFreeCount = 0;
  private nearUsed = 0;
  // Slots (one per pending event, for its handle): the id of the push that holds it, or a marker;
  // and one bit per slot set while its event is cancelled (what a pop reads: a few KB, not a slot's line).
  private slotIds: Int32Array;
  private cancelledBits: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;
  private cancelledCount = 0;
  private sequence = 0;
  private nextId = 0;

  // Buckets: the heap and the run hold buckets <= current; the ring the next ones, by group of
  // `groupSize` buckets: the groups up to `splitGroup` bucket by bucket (fine, ring index b & fineMask),
  // the next `groupCount` groups whole (coarse, ring index fineSize + (g & groupMask)); the far heap the rest.
  private readonly scale: number;
  private current: number;
  /** 1 / groupSize: a bucket's group is floor(bucket * groupScale) (exact: a power of two). */
  private groupScale = 1;
  private groupSize = 1;
  private fineMask = 1;
  private fineSize = 2;
  private groupCount = 1;
  private groupMask = 0;
  private readonly ringBuckets: number;
  private readonly groupBuckets: number;
  private readonly groupedFrom: number;
  /** The last group held bucket by bucket: always the current bucket's group + 1. */
  private splitGroup: number;
  /** The last bucket held in a fine index (splitGroup's last) and in a coarse one (the ring's reach). */
  private fineEnd = 0;
  private coarseEnd = 0;
  // Per ring index (fine buckets, then coarse groups): head block, entries in it, entries it can hold.
  private readonly ringHead: Int32Array;
  private readonly ringFill: Int32Array;
  /** Entries in the ring, fine and coarse. */
  private ringCount = 0;
  private pool: Float64Array;
  private poolUsed = 0;
  /** Entries of a first block (BLOCK_SLOTS_FEW or _MANY, chosen with the groups). */
  private blockSlots = BLOCK_SLOTS_FEW;
  /** Free blocks by size class (chained through their first double), -1 when none. */
  private readonly freeBlocks = new Int32Array(MAX_CLASS + 1).fill(-1);
  /** Entries the head block of each ring bucket can hold. */
  private readonly ringRoom: Int32Array;
  // The run: the current bucket's events as drained from the ring, sorted by (time, key) once, taken
  // in order from index runHead to runEnd of `run` (entries of ENTRY doubles: time, key, code, slot);
  // the near heap holds the events placed in the current bucket since, and a pop takes the earlier of
  // the two fronts. A bucket of one block (at Anytown's few events a day, most) is sorted where it is,
  // `run` is then the pool (the one it was in, should the pool grow meanwhile) and `runBlock` that
  // block, freed when the next bucket is drained; otherwise `run` is `runBuffer` (session 20).
  private run: Float64Array;
  private runBuffer: Float64Array;
  private runHead = 0;
  private runEnd = 0;
  private runBlock = -1;
  // Scratch for sorting a drained bucket: its blocks (oldest first), each entry's sub-bucket, the counts.
  private drainBlocks: Int32Array;
  private drainSubs: Int32Array;
  private drainCounts: Int32Array;
  // The front entry as `front` found it (its time) and as `removeFront` took it (its code).
  private frontTime = NaN;
  private frontCode = NaN;
  // The far heap, by time alone: time, key, code and slot by position.
  private farTimes: Float64Array;
  private farKeys: Float64Array;
  private farCodes: Float64Array;
  private farSlots: Int32Array;
  private farCount = 0;

  /** Time of the event last popped. */
  lastTime = NaN;

  /**
   * `startTime`: no event will be earlier (the simulation's start); `bucketWidth`: the span of a
   * bucket (days, > 0); `ringBuckets`: about how many buckets ahead are kept in the ring (a power of
   * two); `groupBuckets`: the buckets of a coarse group (a power of two; at most `ringBuckets` are used),
   * from the first reset after `groupedFrom` events were pending at once (0: from the start).
   */
  constructor(startTime = 0, bucketWidth = 1, ringBuckets = 4096, initialCapacity = 1024, groupBuckets = GROUP_BUCKETS, groupedFrom = GROUPED_FROM) {
    if (!(bucketWidth > 0 && bucketWidth < Infinity)) throw new RangeError(`BucketQueue: bucket width must be > 0, got ${bucketWidth}`);
    if (!isPowerOfTwo(ringBuckets)) throw new RangeError(`BucketQueue: ring buckets must be a power of two up to 2^24, got ${ringBuckets}`);
    if (!isPowerOfTwo(groupBuckets)) throw new RangeError(`BucketQueue: group buckets must be a power of two up to 2^24, got ${groupBuckets}`);
    if (Number.isNaN(startTime)) throw new RangeError('BucketQueue: start time is NaN');
    this.scale = 1 / bucketWidth;
    this.current = Math.floor(startTime * this.scale);
    this.ringBuckets = ringBuckets;
    this.groupBuckets = Math.min(groupBuckets, ringBuckets);
    this.groupedFrom = groupedFrom;
    this.splitGroup = 0;
    this.arrange(groupedFrom === 0);
    // Ring indices for either group size: fine buckets (two groups), then the coarse groups.
    const ringIndices = Math.max(2 * this.groupBuckets + ringBuckets / this.groupBuckets, 2 * this.groupSize + this.groupCount);
    this.ringHead = new Int32Array(ringIndices).fill(-1);
    this.ringFill = new Int32Array(ringIndices);
    const capacity = Math.min(SLOT_LIMIT - 1, Math.max(1, Math.floor(initialCapacity)));
    this.times = new Float64Array(capacity + 1).fill(Infinity);
    this.heap = new Int32Array(capacity + 1);
    this.nearKeys = new Float64Array(capacity);
    this.nearCodes = new Float64Array(capacity);
    this.nearSlots = new Int32Array(capacity);
    this.nearFree = new Int32Array(capacity);
    this.slotIds = new Int32Array(capacity);
    this.cancelledBits = new Int32Array((capacity + 31) >> 5);
    this.freeSlots = new Int32Array(capacity);
    this.ringRoom = new Int32Array(ringIndices);
    this.pool = new Float64Array(BLOCK_HEADER * 256);
    this.runBuffer = new Float64Array(ENTRY * 64);
    this.run = this.runBuffer;
    this.drainBlocks = new Int32Array(64);
    this.drainSubs = new Int32Array(64);
    this.drainCounts = new Int32Array(65);
    this.farTimes = new Float64Array(64);
    this.farKeys = new Float64Array(64);
    this.farCodes = new Float64Array(64);
    this.farSlots = new Int32Array(64);
  }

  /**
   * Empties the queue for a new run from `startTime`, keeping its grown arrays (a simulation that runs
   * many replications allocates them once). Handles issued before no longer match anything, and the
   * queue then orders events exactly as a new one (it may use groups a new one would not yet use).
   */
  reset(startTime: number): void {
    if (Number.isNaN(startTime)) throw new RangeError('BucketQueue: start time is NaN');
    this.times.fill(Infinity, 0, this.count);
    this.count = 0;
    this.nearFreeCount = 0;
    this.nearUsed = 0;
    if (this.ringCount > 0) {
      this.ringHead.fill(-1);
      this.ringFill.fill(0);
      this.ringCount = 0;
    }
    if (this.cancelledCount > 0) this.cancelledBits.fill(0);
    // Slots from 0 again: a handle issued before matches nothing (its id is not reissued for 2^27 pushes).
    this.freeCount = 0;
    this.slotCount = 0;
    this.cancelledCount = 0;
    this.sequence = 0;
    this.current = Math.floor(startTime * this.scale);
    // The ring and pool are empty: groups and blocks may change (the slots grown show the most pending at once).
    this.arrange(this.freeSlots.length >= this.groupedFrom);
    this.poolUsed = 0;
    this.freeBlocks.fill(-1);
    this.run = this.runBuffer;
    this.runHead = 0;
    this.runEnd = 0;
    this.runBlock = -1;
    this.farCount = 0;
    this.lastTime = NaN;
  }

  /** Number of pending events that have not been cancelled. */
  get size(): number {
    // Each entry held anywhere (heap, run, ring, far heap; cancelled ones included) holds a slot.
    return this.slotCount - this.freeCount - this.cancelledCount;
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
    const id = this.nextId;
    this.nextId = (id + 1) & ID_MASK;
    this.slotIds[slot] = id;
    this.place(time, key, code, slot);
    return id * SLOT_LIMIT + slot;
  }

  /**
   * Removes and returns the code of the earliest pending event when its time is at most `until`
   * (`lastTime` is then its time); otherwise returns undefined and leaves the order as it was.
   */
  popUntil(until: number): number | undefined {
    const from = this.front();
    if (from === NONE || this.frontTime > until) return undefined;
    this.lastTime = this.frontTime;
    this.freeSlot(this.removeFront(from));
    return this.frontCode;
  }

  /** Removes and returns the code of the earliest pending event, or undefined when there is none. */
  pop(): number | undefined {
    return this.popUntil(Infinity);
  }

  /** Time of the earliest pending (not cancelled) event, or Infinity when there is none. */
  peekTime(): number {
    return this.front() === NONE ? Infinity : this.frontTime;
  }

  /**
   * Cancels the pending event with this handle, so it is never popped; returns false when the event
   * already left the queue or was cancelled before. The entry is dropped when it reaches the front.
   */
  cancel(handle: number): boolean {
    const slot = this.pendingSlot(handle);
    if (slot < 0) return false;
    this.slotIds[slot] = CANCELLED;
    const bits = this.cancelledBits;
    bits[slot >> 5] = bits[slot >> 5]! | (1 << (slot & 31));
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
    return slot < this.slotCount && this.slotIds[slot] === (handle - slot) / SLOT_LIMIT ? slot : -1;
  }

  /**
   * Finds the earliest pending entry, dropping cancelled ones on the way and refilling from the ring
   * when the run and the near heap are both empty: returns where it is (FROM_RUN, FROM_HEAP, or NONE
   * when nothing is pending), with its time in `frontTime`.
   */
  private front(): number {
    for (;;) {
      // Read again after each refill, which may grow them.
      const run = this.run;
      const times = this.times;
      let from: number;
      let slot: number;
      const at = this.runHead;
      if (at < this.runEnd) {
        const runTime = run[at]!;
        const heapTime = times[0]!;
        // An empty heap's top time is Infinity, and a run entry is earlier than that.
        if (runTime < heapTime || (runTime === heapTime && (this.count === 0 || run[at + 1]! < this.nearKeys[this.heap[0]!]!))) {
          from = FROM_RUN;
          slot = run[at + 3]!;
          this.frontTime = runTime;
        } else {
          from = FROM_HEAP;
          slot = this.nearSlots[this.heap[0]!]!;
          this.frontTime = heapTime;
        }
      } else if (this.count > 0) {
        from = FROM_HEAP;
        slot = this.nearSlots[this.heap[0]!]!;
        this.frontTime = times[0]!;
      } else {
        if (!this.refill()) return NONE;
        continue;
      }
      if ((this.cancelledBits[slot >> 5]! & (1 << (slot & 31))) === 0) return from;
      this.dropFront(from);
    }
  }

  /**
   * Removes the front entry (`front` found it `from` the run or the heap) and returns its slot, its
   * code in `frontCode`. Every entry leaving the queue, cancelled or not, leaves through here.
   */
  private removeFront(from: number): number {
    if (from === FROM_RUN) {
      const at = this.runHead;
      this.runHead = at + ENTRY;
      this.frontCode = this.run[at + 2]!;
      return this.run[at + 3]!;
    }
    const entry = this.removeTop();
    this.frontCode = this.nearCodes[entry]!;
    return this.nearSlots[entry]!;
  }

  /** Removes the front entry, a cancelled one, and frees its slot. */
  private dropFront(from: number): void {
    const slot = this.removeFront(from);
    const bits = this.cancelledBits;
    bits[slot >> 5] = bits[slot >> 5]! & ~(1 << (slot & 31));
    this.freeSlot(slot);
    this.cancelledCount--;
  }

  /**
   * Puts an event (at `time`) in the near heap, the ring (its bucket when its group is split, else its
   * group: a few dozen tails, which stay in cache) or the far heap, by its bucket.
   */
  private place(time: number, key: number, code: number, slot: number): void {
    const b = Math.floor(time * this.scale);
    if (b <= this.current) {
      this.heapInsert(time, key, code, slot);
      return;
    }
    if (b <= this.fineEnd) this.ringAppend(b & this.fineMask, time, key, code, slot);
    else if (b <= this.coarseEnd) this.ringAppend(this.fineSize + (this.groupOf(b) & this.groupMask), time, key, code, slot);
    else this.farPush(time, key, code, slot);
  }

  /** The group of bucket `b`. */
  private groupOf(b: number): number {
    return Math.floor(b * this.groupScale);
  }

  /**
   * With `many` events held at once, groups of `groupBuckets` buckets and small first blocks; else
   * groups of half the ring and larger first blocks (the ring and the pool must be empty).
   */
  private arrange(many: boolean): void {
    this.blockSlots = many ? BLOCK_SLOTS_MANY : BLOCK_SLOTS_FEW;
    this.useGroups(many ? this.groupBuckets : Math.max(1, this.ringBuckets / 2));
  }

  /** Groups of `groupSize` buckets from the current bucket on (the ring must be empty). */
  private useGroups(groupSize: number): void {
    this.groupSize = groupSize;
    this.groupScale = 1 / groupSize;
    // The fine buckets span (current, end of the next group]: fewer than two groups.
    this.fineSize = 2 * groupSize;
    this.fineMask = this.fineSize - 1;
    this.groupCount = this.ringBuckets / groupSize;
    this.groupMask = this.groupCount - 1;
    this.setSplitGroup(this.groupOf(this.current) + 1);
  }

  /** Holds groups up to `group` bucket by bucket (the ring then reaches `groupCount` groups further). */
  private setSplitGroup(group: number): void {
    this.splitGroup = group;
    this.fineEnd = (group + 1) * this.groupSize - 1;
    this.coarseEnd = (group + 1 + this.groupCount) * this.groupSize - 1;
  }

  private heapInsert(time: number, key: number, code: number, slot: number): void {
    if (this.count === this.times.length - 1) this.growHeap();
    const entry = this.nearFreeCount > 0 ? this.nearFree[--this.nearFreeCount]! : this.nearUsed++;
    const keys = this.nearKeys;
    keys[entry] = key;
    this.nearCodes[entry] = code;
    this.nearSlots[entry] = slot;
    const times = this.times;
    const heap = this.heap;
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
    heap[i] = entry;
  }

  /**
   * Removes the heap's top entry and returns it (the same sift-down as `EventQueue`); the entry is
   * free again, its key, code and slot readable until the next insertion.
   */
  private removeTop(): number {
    const times = this.times;
    const heap = this.heap;
    const keys = this.nearKeys;
    const top = heap[0]!;
    const n = --this.count;
    const time = times[n]!;
    times[n] = Infinity;
    if (n > 0) {
      const last = heap[n]!;
      const lastKey = keys[last]!;
      const half = n >> 1;
      let i = 0;
      while (i < half) {
        let child = 2 * i + 1;
        const left = times[child]!;
        const right = times[child + 1]!;
        if (right === left) {
          if (child + 1 < n && keys[heap[child + 1]!]! < keys[heap[child]!]!) child++;
        } else {
          child += +(right < left);
        }
        const ct = times[child]!;
        if (time < ct || (time === ct && lastKey < keys[heap[child]!]!)) break;
        times[i] = ct;
        heap[i] = heap[child]!;
        i = child;
      }
      times[i] = time;
      heap[i] = last;
    }
    this.nearFree[this.nearFreeCount++] = top;
    return top;
  }

  /**
   * The run and the near heap are empty: makes the next non-empty bucket current (its events the run);
   * false when nothing is pending. Entering a group splits the next one into its buckets.
   */
  private refill(): boolean {
    for (;;) {
      if (this.ringCount === 0) {
        if (this.farCount === 0) return false;
        // Nothing in the ring: jump to the bucket before the far heap's earliest (the groups skipped are empty).
        const b = Math.floor(this.farTimes[0]! * this.scale);
        if (b - 1 > this.current) {
          this.current = b - 1;
          this.setSplitGroup(this.groupOf(b - 1) + 1);
          this.pullFar();
        }
      }
      const next = ++this.current;
      // Entering group splitGroup (its first bucket is past the end of the one before): split the next.
      if (next > this.fineEnd - this.groupSize) {
        const split = this.splitGroup + 1;
        this.setSplitGroup(split);
        const k = this.fineSize + (split & this.groupMask);
        if (this.ringHead[k]! >= 0) this.split(k);
        // The ring now reaches group split + groupCount (ring index k, just emptied).
        this.pullFar();
      }
      const k = next & this.fineMask;
      if (this.ringHead[k]! >= 0) this.drain(k, next);
      if (this.count > 0 || this.runHead < this.runEnd) return true;
    }
  }

  /** Places the far heap's events whose groups the ring now reaches. */
  private pullFar(): void {
    while (this.farCount > 0 && Math.floor(this.farTimes[0]! * this.scale) <= this.coarseEnd) this.farPopPlace();
  }

  /**
   * Moves the entries of ring index `k` (a coarse group, now `splitGroup`) to its buckets' fine
   * indices, oldest block first (so each bucket keeps them in push order), and frees its blocks:
   * a sequential read, and appends to the group's few dozen tails.
   */
  private split(k: number): void {
    let blocks = 0;
    for (let block = this.ringHead[k]!; block >= 0; block = this.pool[block]!) {
      if (blocks === this.drainBlocks.length) this.drainBlocks = grownInt32(this.drainBlocks, blocks * 2);
      this.drainBlocks[blocks++] = block;
    }
    const fill = this.ringFill[k]!;
    this.ringHead[k] = -1;
    this.ringFill[k] = 0;
    const order = this.drainBlocks;
    const scale = this.scale;
    const mask = this.fineMask;
    for (let b = blocks - 1; b >= 0; b--) {
      const block = order[b]!;
      const sizeClass = this.pool[block + 1]!;
      const at = block + BLOCK_HEADER;
      for (let end = at + ENTRY * (b === 0 ? fill : this.blockSlots << sizeClass), i = at; i < end; i += ENTRY) {
        // An append may grow the pool: read it again each time.
        const pool = this.pool;
        const time = pool[i]!;
        this.ringAppend(Math.floor(time * scale) & mask, time, pool[i + 1]!, pool[i + 2]!, pool[i + 3]!);
      }
      this.pool[block] = this.freeBlocks[sizeClass]!;
      this.freeBlocks[sizeClass] = block;
      this.ringCount -= b === 0 ? fill : this.blockSlots << sizeClass;
    }
  }

  private ringAppend(k: number, time: number, key: number, code: number, slot: number): void {
    let head = this.ringHead[k]!;
    let fill = this.ringFill[k]!;
    if (head < 0 || fill === this.ringRoom[k]!) {
      // A new head block, linked to the full one and twice its size (takeBlock may grow the pool: read it after).
      const sizeClass = head < 0 ? 0 : Math.min(this.pool[head + 1]! + 1, MAX_CLASS);
      const block = this.takeBlock(sizeClass);
      this.pool[block] = head;
      this.ringHead[k] = head = block;
      this.ringRoom[k] = this.blockSlots << sizeClass;
      fill = 0;
    }
    const pool = this.pool;
    const at = head + BLOCK_HEADER + ENTRY * fill;
    pool[at] = time;
    pool[at + 1] = key;
    pool[at + 2] = code;
    pool[at + 3] = slot;
    this.ringFill[k] = fill + 1;
    this.ringCount++;
  }

  /**
   * Makes ring bucket `k` (all of it in bucket `bucket`, now the current one; the run is empty) the
   * run, sorted by (time, key): a stable counting sort by sub-bucket (a bucket cut into a power of two
   * at least its number of entries, monotone in time), oldest block first, so entries of equal time
   * are mostly in key order already, then an insertion sort that only moves entries within a sub-bucket.
   */
  private drain(k: number, bucket: number): void {
    const pool = this.pool;
    if (this.runBlock >= 0) {
      this.freeBlock(this.runBlock);
      this.runBlock = -1;
    }
    // The bucket's blocks, newest first as chained; the head block holds `fill` entries, the others are full.
    const fill = this.ringFill[k]!;
    let blocks = 0;
    for (let block = this.ringHead[k]!; block >= 0; block = pool[block]!) {
      if (blocks === this.drainBlocks.length) this.drainBlocks = grownInt32(this.drainBlocks, blocks * 2);
      this.drainBlocks[blocks++] = block;
    }
    this.ringHead[k] = -1;
    this.ringFill[k] = 0;
    let n = fill;
    for (let b = 1; b < blocks; b++) n += this.blockSlots << pool[this.drainBlocks[b]! + 1]!;
    this.ringCount -= n;
    if (blocks === 1) {
      // One block, appended to in push order: sorted where it is (a first block holds a few entries).
      const block = this.drainBlocks[0]!;
      const at = block + BLOCK_HEADER;
      this.run = pool;
      this.runHead = at;
      this.runEnd = at + ENTRY * n;
      this.runBlock = block;
      if (!insertionSort(pool, at, n, INSERTION_MOVES_PER_ENTRY * n)) sortEntries(pool, at, n);
      return;
    }
    if (this.runBuffer.length < ENTRY * n) this.runBuffer = new Float64Array(ENTRY * Math.max(n, (this.runBuffer.length / ENTRY) * 2));
    if (this.drainSubs.length < n) this.drainSubs = new Int32Array(Math.max(n, this.drainSubs.length * 2));
    const order = this.drainBlocks;
    const subs = this.drainSubs;
    const counts = this.drainCounts;
    // A few entries are sorted by insertion alone, in the order they were appended.
    const bySub = n > INSERTION_ONLY;
    if (bySub) {
      let subBuckets = 1;
      while (subBuckets < n) subBuckets *= 2;
      if (counts.length <= subBuckets) this.drainCounts = new Int32Array(subBuckets + 1);
      this.countSubBuckets(order, blocks, fill, bucket, subBuckets);
    }
    // Entries to their places in the run, and the blocks back to the free list.
    const run = this.runBuffer;
    const starts = this.drainCounts;
    let e = 0;
    for (let b = blocks - 1; b >= 0; b--) {
      const block = order[b]!;
      const at = block + BLOCK_HEADER;
      for (let end = at + ENTRY * (b === 0 ? fill : this.blockSlots << pool[block + 1]!), i = at; i < end; i += ENTRY) {
        let to = e;
        if (bySub) {
          const sub = subs[e]!;
          to = starts[sub]!;
          starts[sub] = to + 1;
        }
        e++;
        to *= ENTRY;
        run[to] = pool[i]!;
        run[to + 1] = pool[i + 1]!;
        run[to + 2] = pool[i + 2]!;
        run[to + 3] = pool[i + 3]!;
      }
      this.freeBlock(block);
    }
    this.run = run;
    this.runHead = 0;
    this.runEnd = ENTRY * n;
    if (!insertionSort(run, 0, n, INSERTION_MOVES_PER_ENTRY * n)) sortEntries(run, 0, n);
  }

  /** Puts a block (of the current pool) back on its size class's free list. */
  private freeBlock(block: number): void {
    const pool = this.pool;
    const sizeClass = pool[block + 1]!;
    pool[block] = this.freeBlocks[sizeClass]!;
    this.freeBlocks[sizeClass] = block;
  }

  /**
   * Numbers a drained bucket's entries oldest block first (the blocks in `order`, newest first, the
   * newest holding `fill` entries) and sets each one's sub-bucket in `drainSubs`; leaves in
   * `drainCounts` where each sub-bucket starts in the run (a counting sort's prefix sums).
   */
  private countSubBuckets(order: Int32Array, blocks: number, fill: number, bucket: number, subBuckets: number): void {
    const pool = this.pool;
    const subs = this.drainSubs;
    const counts = this.drainCounts;
    counts.fill(0, 0, subBuckets + 1);
    const scale = this.scale;
    const last = subBuckets - 1;
    let e = 0;
    for (let b = blocks - 1; b >= 0; b--) {
      const block = order[b]!;
      const at = block + BLOCK_HEADER;
      for (let end = at + ENTRY * (b === 0 ? fill : this.blockSlots << pool[block + 1]!), i = at; i < end; i += ENTRY) {
        // Monotone in time: floor(time * scale) is `bucket`, so the difference is in [0, 1].
        const sub = Math.min(Math.floor((pool[i]! * scale - bucket) * subBuckets), last);
        subs[e++] = sub;
        counts[sub + 1] = counts[sub + 1]! + 1;
      }
    }
    for (let s = 1; s <= subBuckets; s++) counts[s] = counts[s]! + counts[s - 1]!;
  }

  /** A block of size class `sizeClass` (a free one, else from the end of the pool), its class set. */
  private takeBlock(sizeClass: number): number {
    let block = this.freeBlocks[sizeClass]!;
    if (block >= 0) {
      this.freeBlocks[sizeClass] = this.pool[block]!;
      return block;
    }
    const size = BLOCK_HEADER + ENTRY * (this.blockSlots << sizeClass);
    if (this.poolUsed + size > this.pool.length) {
      const bigger = new Float64Array(Math.max(this.pool.length * 2, this.poolUsed + size));
      bigger.set(this.pool);
      this.pool = bigger;
    }
    block = this.poolUsed;
    this.poolUsed += size;
    this.pool[block + 1] = sizeClass;
    return block;
  }

  private farPush(time: number, key: number, code: number, slot: number): void {
    if (this.farCount === this.farTimes.length) this.growFar();
    const times = this.farTimes;
    const keys = this.farKeys;
    const codes = this.farCodes;
    const slots = this.farSlots;
    let i = this.farCount++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      keys[i] = keys[parent]!;
      codes[i] = codes[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    codes[i] = code;
    slots[i] = slot;
  }

  /** Takes the far heap's earliest event out and places it (in the ring or the heap). */
  private farPopPlace(): void {
    const times = this.farTimes;
    const keys = this.farKeys;
    const codes = this.farCodes;
    const slots = this.farSlots;
    const topTime = times[0]!;
    const topKey = keys[0]!;
    const topCode = codes[0]!;
    const topSlot = slots[0]!;
    const n = --this.farCount;
    if (n > 0) {
      const time = times[n]!;
      const key = keys[n]!;
      const code = codes[n]!;
      const slot = slots[n]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && times[child + 1]! < times[child]!) child++;
        if (time <= times[child]!) break;
        times[i] = times[child]!;
        keys[i] = keys[child]!;
        codes[i] = codes[child]!;
        slots[i] = slots[child]!;
        i = child;
      }
      times[i] = time;
      keys[i] = key;
      codes[i] = code;
      slots[i] = slot;
    }
    this.place(topTime, topKey, topCode, topSlot);
  }

  private freeSlot(slot: number): void {
    this.slotIds[slot] = FREE;
    this.freeSlots[this.freeCount++] = slot;
  }

  private growSlots(): void {
    const old = this.freeSlots.length;
    if (old >= SLOT_LIMIT - 1) throw new RangeError(`BucketQueue: more than 2^${SLOT_BITS} events pending`);
    const capacity = Math.min(old * 2, SLOT_LIMIT - 1);
    this.slotIds = grownInt32(this.slotIds, capacity);
    this.cancelledBits = grownInt32(this.cancelledBits, (capacity + 31) >> 5);
    this.freeSlots = grownInt32(this.freeSlots, capacity);
  }

  private growHeap(): void {
    const capacity = (this.times.length - 1) * 2;
    const times = new Float64Array(capacity + 1).fill(Infinity);
    times.set(this.times);
    this.times = times;
    this.heap = grownInt32(this.heap, capacity + 1);
    this.nearKeys = grownFloat64(this.nearKeys, capacity);
    this.nearCodes = grownFloat64(this.nearCodes, capacity);
    this.nearSlots = grownInt32(this.nearSlots, capacity);
    this.nearFree = grownInt32(this.nearFree, capacity);
  }

  private growFar(): void {
    const capacity = this.farTimes.length * 2;
    this.farTimes = grownFloat64(this.farTimes, capacity);
    this.farKeys = grownFloat64(this.farKeys, capacity);
    this.farCodes = grownFloat64(this.farCodes, capacity);
    this.farSlots = grownInt32(this.farSlots, capacity);
  }

  /** Gives pending events (wherever they wait) sequence numbers 0..n-1 in their current order, keeping priorities. */
  private renumber(): void {
    // Where each held entry's key is: an array and an index in it (near entries, ring entries, far heap).
    const arrays: Float64Array[] = [];
    const indices: number[] = [];
    for (let i = 0; i < this.count; i++) {
      arrays.push(this.nearKeys);
      indices.push(this.heap[i]!);
    }
    for (let i = this.runHead; i < this.runEnd; i += ENTRY) {
      arrays.push(this.run);
      indices.push(i + 1);
    }
    for (let k = 0; k < this.ringHead.length; k++) {
      let fill = this.ringFill[k]!;
      for (let block = this.ringHead[k]!; block >= 0; block = this.pool[block]!, fill = this.blockSlots << this.pool[block + 1]!) {
        for (let j = 0; j < fill; j++) {
          arrays.push(this.pool);
          indices.push(block + BLOCK_HEADER + ENTRY * j + 1);
        }
      }
    }
    for (let i = 0; i < this.farCount; i++) {
      arrays.push(this.farKeys);
      indices.push(i);
    }
    const order = indices.map((_, e) => e);
    // Sequences are unique, so the sort has no ties and renumbering keeps every key comparison's result.
    order.sort((a, b) => arrays[a]![indices[a]!]! - arrays[b]![indices[b]!]!);
    const priorities = order.map((e) => Math.floor(arrays[e]![indices[e]!]! / TWO_32));
    order.forEach((e, seq) => {
      arrays[e]![indices[e]!] = priorities[seq]! * TWO_32 + seq;
    });
    this.sequence = order.length;
  }
}

/** Whether entry a (at index a of `run`, ENTRY doubles each) is before entry b: by time, then key. */
function before(run: Float64Array, a: number, b: number): boolean {
  const ta = run[a]!;
  const tb = run[b]!;
  return ta < tb || (ta === tb && run[a + 1]! < run[b + 1]!);
}

/**
 * Sorts the `n` entries of `run` from index `from` by (time, key) by insertion, unless that takes
 * more than `maxMoves` moves: then returns false, the entries still all there (in some order).
 */
function insertionSort(run: Float64Array, from: number, n: number, maxMoves: number): boolean {
  let moves = 0;
  for (let i = from + ENTRY; i < from + ENTRY * n; i += ENTRY) {
    if (before(run, i - ENTRY, i)) continue;
    const time = run[i]!;
    const key = run[i + 1]!;
    const code = run[i + 2]!;
    const slot = run[i + 3]!;
    let j = i;
    do {
      run[j] = run[j - ENTRY]!;
      run[j + 1] = run[j - ENTRY + 1]!;
      run[j + 2] = run[j - ENTRY + 2]!;
      run[j + 3] = run[j - ENTRY + 3]!;
      j -= ENTRY;
      moves++;
    } while (j > from && (run[j - ENTRY]! > time || (run[j - ENTRY] === time && run[j - ENTRY + 1]! > key)));
    run[j] = time;
    run[j + 1] = key;
    run[j + 2] = code;
    run[j + 3] = slot;
    if (moves > maxMoves) return false;
  }
  return true;
}

/** Sorts the `n` entries of `run` from index `from` by (time, key) (keys are unique, so the order is total). */
function sortEntries(run: Float64Array, from: number, n: number): void {
  const order = Array.from({ length: n }, (_, e) => from + ENTRY * e);
  order.sort((a, b) => run[a]! - run[b]! || run[a + 1]! - run[b + 1]!);
  const sorted = new Float64Array(ENTRY * n);
  order.forEach((at, e) => sorted.set(run.subarray(at, at + ENTRY), ENTRY * e));
  run.set(sorted, from);
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && n <= 1 << 24 && (n & (n - 1)) === 0;
}

function grownInt32(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

function grownFloat64(array: Float64Array, length: number): Float64Array {
  const grown = new Float64Array(length);
  grown.set(array);
  return grown;
}
