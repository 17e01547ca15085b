/**
 * Future-event list: a binary heap over typed arrays ordered by (time, priority, insertion sequence),
 * so events at equal time and priority leave first-in first-out and a run is reproducible.
 * Payloads live in a parallel slot array; the heap moves only numbers.
 */
export class EventQueue<T> {
  private times: Float64Array;
  /** priority * 2^32 + sequence: one comparison orders both. */
  private keys: Float64Array;
  private slots: Int32Array;
  private payloads: (T | undefined)[] = [];
  private freeSlots: number[] = [];
  private count = 0;
  private sequence = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.keys = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0]! : Infinity;
  }

  /** Adds an event; returns its insertion sequence number (unique for this queue). */
  push(time: number, priority: number, payload: T): number {
    if (!(time === time)) throw new RangeError('EventQueue.push: time is NaN');
    if (this.count === this.times.length) this.grow();
    const seq = this.sequence++;
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.payloads.length;
    this.payloads[slot] = payload;
    const key = priority * 4294967296 + seq;
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && keys[parent]! < key)) break;
      times[i] = pt;
      keys[i] = keys[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    slots[i] = slot;
    return seq;
  }

  /** Removes the earliest event and returns its payload; `lastTime`/`lastSequence` describe it. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    const slot = slots[0]!;
    this.lastTime = times[0]!;
    this.lastKey = keys[0]!;
    const n = --this.count;
    if (n > 0) {
      const time = times[n]!;
      const key = keys[n]!;
      const last = slots[n]!;
      let i = 0;
      const half = n >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        let ct = times[child]!;
        let ck = keys[child]!;
        const right = child + 1;
        if (right < n) {
          const rt = times[right]!;
          if (rt < ct || (rt === ct && keys[right]! < ck)) {
            child = right;
            ct = rt;
            ck = keys[right]!;
          }
        }
        if (time < ct || (time === ct && key < ck)) break;
        times[i] = ct;
        keys[i] = ck;
        slots[i] = slots[child]!;
        i = child;
      }
      times[i] = time;
      keys[i] = key;
      slots[i] = last;
    }
    const payload = this.payloads[slot];
    this.payloads[slot] = undefined;
    this.freeSlots.push(slot);
    return payload;
  }

  /** Time of the event last popped. */
  lastTime = NaN;
  private lastKey = NaN;

  /** Insertion sequence number of the event last popped. */
  get lastSequence(): number {
    return this.lastKey % 4294967296;
  }

  clear(): void {
    this.count = 0;
    this.payloads = [];
    this.freeSlots = [];
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const keys = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    times.set(this.times);
    keys.set(this.keys);
    slots.set(this.slots);
    this.times = times;
    this.keys = keys;
    this.slots = slots;
  }
}
