// The children in care as a struct of arrays: one slot per child, typed arrays grown together by
// `grow` (children.ts); a slot is reused after its child leaves care, and the arrays of a finished
// replication are reused by the next one of the same model (`adoptArrays`): every field of a slot is
// written when a child takes it, as for a slot freed within a run. Only what the run reads is kept:
// sex and entry route are drawn and go to the child records (`recordEpisodes`) only; what the child's
// pending event is travels in its event code (state.ts, EV_CHILD / EV_CHILD_BOUNDARY), and the end of
// its duration band is worked out from `entered` (child-events.ts, `syncDuration`), session 21.

/** Children in care, struct of arrays by slot (typed arrays grown together). */
export class ChildStore {
  slots = 0;
  used = 0;
  readonly free: number[] = [];
  nextId = 0;
  /** Birth day: a whole day (an arrival's is drawn back from the day it arrives, `Math.floor(now)`). */
  birth: Int32Array = new Int32Array(0);
  entered: Float64Array = new Float64Array(0);
  placeStart: Float64Array = new Float64Array(0);
  nextAge: Float64Array = new Float64Array(0);
  /** The queue's handle of the child's pending event (up to 2^53: a double), or HANDLE_FIRING / HANDLE_AFTER_END. */
  handle: Float64Array = new Float64Array(0);
  /** The number of the child's current wait (placement.ts, `waitCounter`: a count of waits in one replication). */
  waitSeq: Int32Array = new Int32Array(0);
  /** Each child's own random state (mulberry32), seeded from its arrival cell's stream. */
  rngState: Int32Array = new Int32Array(0);
  capHandle: Float64Array = new Float64Array(0);
  category: Int8Array = new Int8Array(0);
  band: Int8Array = new Int8Array(0);
  dur: Int8Array = new Int8Array(0);
  waitFor: Int8Array = new Int8Array(0);
  uasc: Uint8Array = new Uint8Array(0);
  ooa: Uint8Array = new Uint8Array(0);
  alive: Uint8Array = new Uint8Array(0);
  pos: Int32Array = new Int32Array(0);
  id: Int32Array = new Int32Array(0);
  episode: Int32Array = new Int32Array(0);
  /** The type of care (need code) whose step-across list the child is on, or -1; its position there. */
  stepNeed: Int8Array = new Int8Array(0);
  stepPos: Int32Array = new Int32Array(0);
}

/** Gives `to` (a new replication's store, no child yet) the grown arrays of `from` (a finished one). */
export function adoptArrays(to: ChildStore, from: ChildStore): void {
  to.slots = from.slots;
  to.birth = from.birth;
  to.entered = from.entered;
  to.placeStart = from.placeStart;
  to.nextAge = from.nextAge;
  to.handle = from.handle;
  to.waitSeq = from.waitSeq;
  to.rngState = from.rngState;
  to.capHandle = from.capHandle;
  to.category = from.category;
  to.band = from.band;
  to.dur = from.dur;
  to.waitFor = from.waitFor;
  to.uasc = from.uasc;
  to.ooa = from.ooa;
  to.alive = from.alive.fill(0);
  to.pos = from.pos;
  to.id = from.id;
  to.episode = from.episode;
  to.stepNeed = from.stepNeed;
  to.stepPos = from.stepPos;
}
