// The children in care as a struct of arrays: one slot per child, typed arrays grown together by
// `grow` (children.ts); a slot is reused after its child leaves care.

/** Children in care, struct of arrays by slot (typed arrays grown together). */
export class ChildStore {
  slots = 0;
  used = 0;
  readonly free: number[] = [];
  nextId = 0;
  birth: Float64Array = new Float64Array(0);
  entered: Float64Array = new Float64Array(0);
  placeStart: Float64Array = new Float64Array(0);
  nextAge: Float64Array = new Float64Array(0);
  nextDur: Float64Array = new Float64Array(0);
  handle: Float64Array = new Float64Array(0);
  waitSeq: Float64Array = new Float64Array(0);
  /** Each child's own random state (mulberry32), seeded from its arrival cell's stream. */
  rngState: Int32Array = new Int32Array(0);
  capHandle: Float64Array = new Float64Array(0);
  category: Int8Array = new Int8Array(0);
  band: Int8Array = new Int8Array(0);
  dur: Int8Array = new Int8Array(0);
  waitFor: Int8Array = new Int8Array(0);
  uasc: Uint8Array = new Uint8Array(0);
  sex: Uint8Array = new Uint8Array(0);
  route: Uint8Array = new Uint8Array(0);
  kind: Uint8Array = new Uint8Array(0);
  ooa: Uint8Array = new Uint8Array(0);
  alive: Uint8Array = new Uint8Array(0);
  pos: Int32Array = new Int32Array(0);
  id: Int32Array = new Int32Array(0);
  episode: Int32Array = new Int32Array(0);
  /** The type of care (need code) whose step-across list the child is on, or -1; its position there. */
  stepNeed: Int8Array = new Int8Array(0);
  stepPos: Int32Array = new Int32Array(0);
}
