// The children in care as a struct of arrays: one slot per child, typed arrays grown together by
// `grow` (children.ts); a slot is reused after its child leaves care, and the arrays of a finished
// replication are reused by the next one of the same model (`adoptArrays`): every field of a slot is
// written when a child takes it, as for a slot freed within a run.
//
// The twelve fields that nearly every event of a child reads or writes are interleaved in two records
// per slot instead of an array each: `ints`, INTS int32s (category, bands, flags, random state, list
// position, wait), and `reals`, REALS doubles (next band changes, event handle, entry day), each field
// at `s * INTS + I_...` or `s * REALS + R_...`. At England scale (about 100,000 slots) an event's first
// touch of its child then reads two cache lines instead of up to twelve: 0.935 of the CPU per
// replication in pairs, Anytown unchanged (model README, session 9). Integers stay integers (one record
// of doubles had made every index a conversion).

/** Int32 fields per slot in `ints`, and each field's offset. */
export const INTS = 8;
/** Placement category index. */
export const I_CATEGORY = 0;
/** Age band index. */
export const I_BAND = 1;
/** Duration band index. */
export const I_DUR = 2;
/** 1 for an unaccompanied asylum-seeking child. */
export const I_UASC = 3;
/** The pending own event's kind (EVENT_TRANSITION or EVENT_BOUNDARY, state.ts). */
export const I_KIND = 4;
/** The child's own random state (mulberry32), seeded from its arrival cell's stream. */
export const I_RNG = 5;
/** Position in its category's member list. */
export const I_POS = 6;
/** The category it waits for, or -1. */
export const I_WAIT_FOR = 7;

/** Float64 fields per slot in `reals`, and each field's offset (days, or an event handle). */
export const REALS = 4;
/** Day of the next age-band change (a birthday). */
export const R_NEXT_AGE = 0;
/** Day of the next duration-band change. */
export const R_NEXT_DUR = 1;
/** The pending own event's handle (or HANDLE_FIRING, HANDLE_AFTER_END, state.ts). */
export const R_HANDLE = 2;
/** Day the child entered care. */
export const R_ENTERED = 3;

/** Children in care, struct of arrays by slot (typed arrays grown together). */
export class ChildStore {
  slots = 0;
  used = 0;
  readonly free: number[] = [];
  nextId = 0;
  /** INTS int32 fields per slot (I_CATEGORY, ...). */
  ints: Int32Array = new Int32Array(0);
  /** REALS double fields per slot (R_NEXT_AGE, ...). */
  reals: Float64Array = new Float64Array(0);
  birth: Float64Array = new Float64Array(0);
  placeStart: Float64Array = new Float64Array(0);
  waitSeq: Float64Array = new Float64Array(0);
  capHandle: Float64Array = new Float64Array(0);
  sex: Uint8Array = new Uint8Array(0);
  route: Uint8Array = new Uint8Array(0);
  ooa: Uint8Array = new Uint8Array(0);
  alive: Uint8Array = new Uint8Array(0);
  id: Int32Array = new Int32Array(0);
  episode: Int32Array = new Int32Array(0);
  /** The type of care (need code) whose step-across list the child is on, or -1; its position there. */
  stepNeed: Int8Array = new Int8Array(0);
  stepPos: Int32Array = new Int32Array(0);
}

/** Gives `to` (a new replication's store, no child yet) the grown arrays of `from` (a finished one). */
export function adoptArrays(to: ChildStore, from: ChildStore): void {
  to.slots = from.slots;
  to.ints = from.ints;
  to.reals = from.reals;
  to.birth = from.birth;
  to.placeStart = from.placeStart;
  to.waitSeq = from.waitSeq;
  to.capHandle = from.capHandle;
  to.sex = from.sex;
  to.route = from.route;
  to.ooa = from.ooa;
  to.alive = from.alive.fill(0);
  to.id = from.id;
  to.episode = from.episode;
  to.stepNeed = from.stepNeed;
  to.stepPos = from.stepPos;
}
