/** The benches' reference: a binary min-heap of Float64Array times only (no tie-break, payload or cancellation). */
export class MinimalHeap {
  private keys: Float64Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
  }
  push(x: number): void {
    const keys = this.keys;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= x) break;
      keys[i] = pk;
      i = parent;
    }
    keys[i] = x;
  }
  pop(): number {
    const keys = this.keys;
    const top = keys[0]!;
    const n = --this.size;
    if (n > 0) {
      const x = keys[n]!;
      const half = n >> 1;
      let i = 0;
      while (i < half) {
        let child = 2 * i + 1;
        let ck = keys[child]!;
        const right = child + 1;
        if (right < n && keys[right]! < ck) {
          child = right;
          ck = keys[right]!;
        }
        if (x <= ck) break;
        keys[i] = ck;
        i = child;
      }
      keys[i] = x;
    }
    return top;
  }
}
