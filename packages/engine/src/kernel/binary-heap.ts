// What both future-event lists (event-queue.ts, bucket-queue.ts) share: handles, slot markers,
// priorities and the tie-break key, and the binary heap itself, as functions over the caller's typed
// arrays (small and monomorphic, so the engine inlines them into each queue: no cost against a copy).
//
// The heap moves only a time (Float64Array, padded with Infinity from `count` on, so every inner node
// has two children) and a slot number (Int32Array) per level. Each event's tie-break key lives in its
// slot's record, `data[stride * slot]`, and is read only on an exact tie of times.

export const TWO_32 = 4294967296;
/** Priorities are integers in [-2^20, 2^20] so that priority * 2^32 + sequence stays an exact double. */
export const MAX_PRIORITY = 1048576;
/** A handle is id * 2^26 + slot, id counting pushes modulo 2^27: up to 2^26 events pending at once. */
export const SLOT_BITS = 26;
export const SLOT_LIMIT = 1 << SLOT_BITS;
export const ID_MASK = (1 << 27) - 1;
/** Slot markers in place of a handle. */
export const FREE = -1;
export const CANCELLED = -2;

/** Whether `priority` is an integer in [-2^20, 2^20]. */
export function isPriority(priority: number): boolean {
  return priority === 0 || ((priority | 0) === priority && priority <= MAX_PRIORITY && priority >= -MAX_PRIORITY);
}

/** The tie-break key of an event: one comparison orders priority, then insertion sequence. */
export function eventKey(priority: number, sequence: number): number {
  return priority * TWO_32 + sequence;
}

/**
 * Puts `slot` at `time` into the heap at position `i` (the new last position; the caller counts it)
 * and moves it up to its place.
 */
export function siftUp(times: Float64Array, heap: Int32Array, data: Float64Array, stride: number, i: number, time: number, slot: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pt = times[parent]!;
    // Keys are read only on a tie of times: the new event's slot is rarely in cache.
    if (pt < time || (pt === time && data[stride * heap[parent]!]! < data[stride * slot]!)) break;
    times[i] = pt;
    heap[i] = heap[parent]!;
    i = parent;
  }
  times[i] = time;
  heap[i] = slot;
}

/** Removes the top of a heap that holds `n` + 1 entries (`n`: the count after removal) and returns its slot. */
export function removeTop(times: Float64Array, heap: Int32Array, data: Float64Array, stride: number, n: number): number {
  const slot = heap[0]!;
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
        if (child + 1 < n && data[stride * heap[child + 1]!]! < data[stride * heap[child]!]!) child++;
      } else {
        child += +(right < left);
      }
      const ct = times[child]!;
      // The moving event's key is read only on a tie: it is rarely in cache.
      if (time < ct || (time === ct && data[stride * last]! < data[stride * heap[child]!]!)) break;
      times[i] = ct;
      heap[i] = heap[child]!;
      i = child;
    }
    times[i] = time;
    heap[i] = last;
  }
  return slot;
}
