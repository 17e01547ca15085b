import { careLeaverTablesOf, type CareLeaverTables } from './care-leaver-tables.js';
import { grown } from './grown.js';
import { standardExponential } from '../../random/exponential.js';
import { anniversaryDay } from '../calendar.js';
import { DAYS_PER_YEAR } from '../dates.js';
import type { CareLeaverStep, CompiledCareLeavers } from '../compiled-model.js';
import { AGE_BAND_COUNT } from '../domain/age-bands.js';
import {
  ACCOMMODATION_COUNT,
  ACCOMMODATIONS,
  CARE_LEAVER_AGES,
  CARE_LEAVER_FROM_AGE_YEARS,
  SP_IFA,
  SP_INHOUSE,
  STAYING_PUT_CATEGORIES,
  STAYING_PUT_MAX_AGE_YEARS,
  careLeaverAgeGroup,
  isStayingPut,
} from '../domain/care-leavers.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { TOTAL } from '../domain/series-keys.js';
import type { Metric } from '../../results/types.js';
import { RandomStream } from '../../random/random-stream.js';
import { EV_LEAVER, EV_LEAVER_BIRTHDAY, EV_LEAVER_JOIN, EV_LEAVER_STEP, EVENT_KINDS, PRIORITY_CHILD, PRIORITY_EPOCH, type ReplicationState } from './state.js';
import { updateCapacity } from './supply.js';

// Care leavers: young people who left care at 16 or over, followed from their 18th birthday to the end
// age in one accommodation state at a time (docs/domain.md §7). A struct of arrays of its own, events on
// the replication's kernel, random numbers from the child's own stream continued (so a care leaver never
// moves another child's draws). Staying put with an in-house household holds one of its places.

const INHOUSE = PLACEMENT_CATEGORIES.indexOf('inhouse_foster');
const IFA = PLACEMENT_CATEGORIES.indexOf('ifa_foster');
const STAYING_PUT_EXIT = EXIT_REASONS.indexOf('staying_put');
const LAST_BAND = AGE_BAND_COUNT - 1;
const GROUPS = CARE_LEAVER_AGES.length;
const OTHER = ACCOMMODATIONS.indexOf('other');
/** Households per block of `CareLeavers.blockFree`, which lets `holdPlace` skip whole blocks. */
const HOUSE_BLOCK_BITS = 6;
const HOUSE_BLOCK = 1 << HOUSE_BLOCK_BITS;

/** `state` of a young person who left care at 16-17 and joins at 18 (in no state, counted nowhere). */
const PENDING = -1;

/** The care-leaver population of one replication. */
export class CareLeavers {
  readonly c: CompiledCareLeavers;
  step: CareLeaverStep;
  stepIndex = 0;
  /** 1 when the step in force limits no state's places (`CareLeaverTables.unlimited`): no state is full. */
  unlimited = 0;
  slots = 0;
  used = 0;
  readonly free: number[] = [];
  /** Birth day, a whole day (the child's, or drawn in whole days for the initial care leavers). */
  declare birth: Int32Array;
  /** Age in whole years now (calendar birthdays). */
  declare age: Int8Array;
  /** Day of the next birthday (age + 1), kept with `age` by `setAge`. */
  declare nextBirthday: Int32Array;
  declare state: Int8Array;
  /** Index into `held` of the household a young person staying put in-house holds a place of, else -1. */
  declare house: Int32Array;
  /** The next young person holding a place of the same household (`firstHolder`), else -1. */
  declare nextHolder: Int32Array;
  declare alive: Uint8Array;
  declare handle: Float64Array;
  declare rng: Int32Array;
  declare pos: Int32Array;
  /** Members per state, with O(1) removal (the young person stores its position). */
  readonly members: Int32Array[] = [];
  declare readonly size: Int32Array;
  declare readonly byAge: Float64Array;
  /** Per in-house household (same index as `st.houses[inhouse]`): places held by staying put. */
  readonly held: number[] = [];
  /** Per in-house household: the first young person of its list of holders (linked by `nextHolder`), else -1. */
  readonly firstHolder: number[] = [];
  /** Per block of HOUSE_BLOCK in-house households (block h >> HOUSE_BLOCK_BITS): their places not held (whole numbers). */
  readonly blockFree: number[] = [];
  // Flows since the last month end, by state.
  declare readonly entries: Float64Array;
  declare readonly movesIn: Float64Array;
  declare readonly movesOut: Float64Array;
  declare readonly exits: Float64Array;
  declare readonly cost: Float64Array;
  declare readonly costSince: Float64Array;
  /** Reused: weights of the reasons for leaving at 18 (`ageOutWeightsOf`, written in full before each use). */
  declare readonly ageOut: number[];
  /** Move hazards and draw totals, worked out once per model (care-leaver-tables.ts). */
  readonly tables: CareLeaverTables;

  /**
   * `previous`: the care leavers of the previous replication of the same model in this thread, whose
   * grown arrays (young people's fields, member lists) and counters (reset) this one takes over; every
   * field of a slot is written when a young person takes it.
   */
  constructor(c: CompiledCareLeavers, previous: CareLeavers | null) {
    this.c = c;
    this.tables = careLeaverTablesOf(c);
    this.step = c.steps[0]!;
    this.unlimited = this.tables.unlimited[0]!;
    if (previous && previous.c === c) {
      this.size = previous.size.fill(0);
      this.byAge = previous.byAge.fill(0);
      this.entries = previous.entries.fill(0);
      this.movesIn = previous.movesIn.fill(0);
      this.movesOut = previous.movesOut.fill(0);
      this.exits = previous.exits.fill(0);
      this.cost = previous.cost.fill(0);
      this.costSince = previous.costSince.fill(0);
      this.ageOut = previous.ageOut;
      this.slots = previous.slots;
      this.birth = previous.birth;
      this.age = previous.age;
      this.nextBirthday = previous.nextBirthday;
      this.state = previous.state;
      this.house = previous.house;
      this.nextHolder = previous.nextHolder;
      this.alive = previous.alive.fill(0);
      this.handle = previous.handle;
      this.rng = previous.rng;
      this.pos = previous.pos;
      for (const list of previous.members) this.members.push(list);
    } else {
      this.size = new Int32Array(ACCOMMODATION_COUNT);
      this.byAge = new Float64Array(GROUPS);
      this.entries = new Float64Array(ACCOMMODATION_COUNT);
      this.movesIn = new Float64Array(ACCOMMODATION_COUNT);
      this.movesOut = new Float64Array(ACCOMMODATION_COUNT);
      this.exits = new Float64Array(ACCOMMODATION_COUNT);
      this.cost = new Float64Array(ACCOMMODATION_COUNT);
      this.costSince = new Float64Array(ACCOMMODATION_COUNT);
      this.ageOut = EXIT_REASONS.map(() => 0);
      for (let a = 0; a < ACCOMMODATION_COUNT; a++) this.members.push(new Int32Array(16));
      // Empty until `grow` (the fields are declared, not initialised, so that a replication that takes
      // the previous one's arrays allocates none: one hidden class either way, as state.ts's counters).
      this.birth = new Int32Array(0);
      this.age = new Int8Array(0);
      this.nextBirthday = new Int32Array(0);
      this.state = new Int8Array(0);
      this.house = new Int32Array(0);
      this.nextHolder = new Int32Array(0);
      this.alive = new Uint8Array(0);
      this.handle = new Float64Array(0);
      this.rng = new Int32Array(0);
      this.pos = new Int32Array(0);
    }
  }
}

/**
 * Where the care-leaver series lie in a replication's values (keys of docs/contract.md), per model
 * (`SeriesLayout`, outputs.ts, gives `key`: a series' start).
 */
export class CareLeaverLayout {
  readonly stock: Int32Array;
  readonly stockTotal: number;
  readonly byAge: Int32Array;
  readonly byAgeTotal: number;
  readonly stayingPut: Int32Array;
  readonly stayingPutTotal: number;
  readonly placesHeld: number;
  readonly placesHeldTotal: number;
  readonly entries: Int32Array;
  readonly entriesTotal: number;
  readonly movesIn: Int32Array;
  readonly movesInTotal: number;
  readonly movesOut: Int32Array;
  readonly movesOutTotal: number;
  readonly exits: Int32Array;
  readonly exitsTotal: number;
  readonly cost: Int32Array;
  readonly costTotal: number;

  constructor(key: (metric: Metric, cat: string) => number) {
    const all = (metric: Metric, cats: readonly string[]): [Int32Array, number] => {
      const at = Int32Array.from(cats, (c) => key(metric, c));
      return [at, key(metric, TOTAL)];
    };
    [this.stock, this.stockTotal] = all('care_leavers', ACCOMMODATIONS);
    [this.byAge, this.byAgeTotal] = all('care_leavers_by_age', CARE_LEAVER_AGES);
    [this.stayingPut, this.stayingPutTotal] = all('staying_put', STAYING_PUT_CATEGORIES);
    this.placesHeld = key('staying_put_places_held', 'inhouse_foster');
    this.placesHeldTotal = key('staying_put_places_held', TOTAL);
    [this.entries, this.entriesTotal] = all('care_leaver_entries', ACCOMMODATIONS);
    [this.movesIn, this.movesInTotal] = all('care_leaver_moves_in', ACCOMMODATIONS);
    [this.movesOut, this.movesOutTotal] = all('care_leaver_moves_out', ACCOMMODATIONS);
    [this.exits, this.exitsTotal] = all('care_leaver_exits', ACCOMMODATIONS);
    [this.cost, this.costTotal] = all('care_leaver_cost', ACCOMMODATIONS);
  }
}

function grow(st: ReplicationState, cl: CareLeavers, min: number): void {
  if (min <= cl.slots) return;
  const n = Math.max(min, cl.slots * 2, 16);
  cl.birth = grown(cl.birth, n);
  cl.handle = grown(cl.handle, n);
  cl.age = grown(cl.age, n);
  cl.nextBirthday = grown(cl.nextBirthday, n);
  cl.state = grown(cl.state, n);
  cl.house = grown(cl.house, n);
  cl.nextHolder = grown(cl.nextHolder, n);
  cl.rng = grown(cl.rng, n);
  cl.pos = grown(cl.pos, n);
  cl.alive = grown(cl.alive, n);
  cl.slots = n;
}

/** Uniform on [0, 1) from young person `l`'s own stream (the child's mulberry32 stream, continued). */
function leaverRandom(cl: CareLeavers, l: number): number {
  let t = (cl.rng[l] = (cl.rng[l]! + 0x6d2b79f5) | 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Young person `l` is `age` whole years old: its next birthday is worked out once, for every event scheduled until then. */
function setAge(cl: CareLeavers, l: number, age: number): void {
  cl.age[l] = age;
  cl.nextBirthday[l] = anniversaryDay(cl.birth[l]!, age + 1);
}

/** Sets up the care leavers of a replication (after the initial households exist) and their steps. */
export function startCareLeavers(st: ReplicationState): void {
  const c = st.m.careLeavers;
  if (!c) return;
  const cl = (st.leavers = new CareLeavers(c, st.previousLeavers));
  st.previousLeavers = null;
  for (let h = 0; h < st.houses[INHOUSE]!.length; h++) {
    cl.held.push(0);
    cl.firstHolder.push(-1);
    addFree(cl, h, st.houses[INHOUSE]![h]!);
  }
  for (let a = 0; a < ACCOMMODATION_COUNT; a++) cl.costSince[a] = st.m.startDay;
  const total = c.initial.reduce((x, [, , n]) => x + n, 0);
  grow(st, cl, total + 16);
  const rng = RandomStream.keyed(st.streamKeys.careLeaversInitial, st.replication);
  const now = st.sim.now;
  for (const [age, state, n] of c.initial) {
    for (let i = 0; i < n; i++) {
      // Born uniformly within the age year (drawn again in the rare case calendar birthdays disagree).
      // Born today, one is 0 years old (`ageYearsOn(now, now)`); a drawn birth day that gives `age`
      // leaves its next birthday in `ageYearsNext`, which `setAge` would work out again.
      let birth = now;
      let years = 0;
      let nextBirthday = NaN;
      for (let tries = 0; tries < 8 && years !== age; tries++) {
        birth = now - Math.floor((age + rng.random()) * DAYS_PER_YEAR);
        years = ageYearsOn(birth, now);
        nextBirthday = ageYearsNext;
      }
      if (years !== age) birth = now - Math.floor((age + 0.5) * DAYS_PER_YEAR);
      const l = newLeaver(cl, birth, (rng.random() * 4294967296) | 0);
      if (years === age && !Number.isNaN(nextBirthday)) {
        cl.age[l] = age;
        cl.nextBirthday[l] = nextBirthday;
      } else setAge(cl, l, age);
      cl.byAge[careLeaverAgeGroup(age)]!++;
      let s = state;
      if (s === SP_INHOUSE && c.holdsPlaces && !holdPlace(st, cl, l)) s = drawMoveOn(cl, l, careLeaverAgeGroup(age), -1);
      enterState(st, cl, l, s);
      scheduleLeaver(st, cl, l);
    }
  }
  c.steps.forEach((s, i) => {
    if (i > 0) st.sim.scheduleAt(s.day, i * EVENT_KINDS + EV_LEAVER_STEP, PRIORITY_EPOCH);
  });
}

/** The birthday after the age the last `ageYearsOn` returned (`anniversaryDay(birth, age + 1)`; set by it, read at once). */
let ageYearsNext = 0;

/** Age in whole years on `day` of someone born on `birth` (calendar birthdays); the next birthday is left in `ageYearsNext`. */
function ageYearsOn(birth: number, day: number): number {
  let y = Math.max(0, Math.floor((day - birth) / DAYS_PER_YEAR) - 1);
  let next = anniversaryDay(birth, y + 1);
  while (next <= day) next = anniversaryDay(birth, ++y + 1);
  ageYearsNext = next;
  return y;
}

function newLeaver(cl: CareLeavers, birth: number, seed: number): number {
  const l = cl.free.length > 0 ? cl.free.pop()! : cl.used++;
  cl.birth[l] = birth;
  cl.rng[l] = seed;
  cl.alive[l] = 1;
  cl.state[l] = PENDING;
  cl.house[l] = -1;
  cl.handle[l] = -1;
  return l;
}

/**
 * The weights of the reasons child `s` leaves care for at 18: `ageOut`, with the staying-put share set to
 * the take-up of its foster category when a take-up is in force (the same weights, so the same draw, when none is).
 */
export function ageOutWeightsOf(st: ReplicationState, s: number): readonly number[] {
  const cl = st.leavers;
  const base = st.m.ageOutWeights;
  if (!cl) return base;
  const cat = st.category[s]!;
  const k = cat === INHOUSE ? SP_INHOUSE : cat === IFA ? SP_IFA : -1;
  if (k < 0) return base;
  const p = cl.step.takeUp[k]!;
  if (p < 0) return base;
  let total = 0;
  for (let r = 0; r < base.length; r++) total += base[r]!;
  const others = total - base[STAYING_PUT_EXIT]!;
  const w = cl.ageOut;
  for (let r = 0; r < base.length; r++) w[r] = others > 0 ? (base[r]! / others) * (1 - p) : 0;
  if (others <= 0) w[EXIT_REASONS.indexOf('independent_living')] = 1 - p;
  w[STAYING_PUT_EXIT] = p;
  return w;
}

/**
 * Child `s` has just left care from category `c` for exit reason `reason` (called by `exitCare` before its
 * place is offered to a waiting child): at 18 it becomes a care leaver (staying put holds the place of
 * an in-house household), at 16-17 for a qualifying reason it joins at its 18th birthday.
 */
export function leaveCareToCareLeavers(st: ReplicationState, s: number, reason: number, c: number): void {
  const cl = st.leavers;
  if (!cl || st.band[s] !== LAST_BAND) return;
  const now = st.sim.now;
  const birth = st.birth[s]!;
  const eighteen = anniversaryDay(birth, CARE_LEAVER_FROM_AGE_YEARS);
  if (now < eighteen && cl.c.qualifying[reason] !== 1) return;
  if (cl.used === cl.slots && cl.free.length === 0) grow(st, cl, cl.slots + 1);
  const l = newLeaver(cl, birth, st.rngState[s]!);
  if (now < eighteen) {
    cl.handle[l] = eighteen < st.endTime ? st.sim.scheduleAt(eighteen, l * EVENT_KINDS + EV_LEAVER_JOIN, PRIORITY_CHILD) : -1;
    if (cl.handle[l] < 0) release(cl, l);
    return;
  }
  setAge(cl, l, CARE_LEAVER_FROM_AGE_YEARS);
  cl.byAge[0]!++;
  let state = -1;
  if (reason === STAYING_PUT_EXIT && c === INHOUSE && (!cl.c.holdsPlaces || holdPlace(st, cl, l))) state = SP_INHOUSE;
  else if (reason === STAYING_PUT_EXIT && c === IFA) state = SP_IFA;
  else state = drawMoveOn(cl, l, 0, -1);
  enterState(st, cl, l, state);
  cl.entries[state]!++;
  scheduleLeaver(st, cl, l);
}

/** Takes a place of an in-house household for young person `l` (households drawn by places not yet held); false when none is free. */
function holdPlace(st: ReplicationState, cl: CareLeavers, l: number): boolean {
  const houses = st.houses[INHOUSE]!;
  // Places free of children and of staying put: a staying-put young person takes a place a child could use.
  if (st.capacity[INHOUSE]! - st.members[INHOUSE]!.size < 1) return false;
  // Places of households not held: whole numbers, so the totals give exactly the sum over households.
  const unheld = st.places[INHOUSE]! - st.placesHeld[INHOUSE]!;
  if (unheld <= 0) return false;
  let x = Math.floor(leaverRandom(cl, l) * unheld);
  // The first household (the last one at most) at which the running sum of places not held passes x.
  // Terms are whole numbers >= 0, so a block whose sum leaves x >= 0 is passed as a whole, exactly as
  // household by household.
  let k = 0;
  while ((k + 1) * HOUSE_BLOCK <= houses.length - 1 && x - cl.blockFree[k]! >= 0) x -= cl.blockFree[k++]!;
  let h = k * HOUSE_BLOCK;
  for (; h < houses.length - 1; h++) {
    x -= houses[h]! - cl.held[h]!;
    if (x < 0) break;
  }
  cl.held[h]!++;
  addFree(cl, h, -1);
  cl.house[l] = h;
  cl.nextHolder[l] = cl.firstHolder[h]!;
  cl.firstHolder[h] = l;
  st.placesHeld[INHOUSE]!++;
  updateCapacity(st, INHOUSE);
  return true;
}

/** Adds `d` to the places not held of household `h`'s block. */
function addFree(cl: CareLeavers, h: number, d: number): void {
  const k = h >> HOUSE_BLOCK_BITS;
  while (cl.blockFree.length <= k) cl.blockFree.push(0);
  cl.blockFree[k] = cl.blockFree[k]! + d;
}

function releasePlace(st: ReplicationState, cl: CareLeavers, l: number): void {
  const h = cl.house[l]!;
  if (h < 0) return;
  cl.held[h]!--;
  addFree(cl, h, 1);
  cl.house[l] = -1;
  // Out of the household's holders (at most its places long).
  let before = -1;
  let x = cl.firstHolder[h]!;
  for (let n = cl.held[h]!; x !== l; n--) {
    if (n <= 0) throw new Error(`household ${h} does not list young person ${l} among its holders`);
    before = x;
    x = cl.nextHolder[x]!;
  }
  if (before < 0) cl.firstHolder[h] = cl.nextHolder[l]!;
  else cl.nextHolder[before] = cl.nextHolder[l]!;
  st.placesHeld[INHOUSE]!--;
  updateCapacity(st, INHOUSE);
}

/** Where young person `l` at age group `g` goes moving on from `from` (or entering, -1): `moveOnShares[g]` drawn by `drawState`. */
function drawMoveOn(cl: CareLeavers, l: number, g: number, from: number): number {
  return drawState(cl, l, cl.c.moveOnShares[g]!, from, 0, cl.tables.moveOnTotal[g * (ACCOMMODATION_COUNT + 1) + from + 1]!);
}

/**
 * A state drawn from `shares` (at `offset`) among states with room (not `from`); -1 when none has room
 * (an entrant then goes to `other`). `unlimitedTotal` is the weights' total when no state is full
 * (`CareLeaverTables`): then the weights are the shares but `from`'s, and their sum is not added up.
 */
function drawState(cl: CareLeavers, l: number, shares: readonly number[], from: number, offset: number, unlimitedTotal: number): number {
  let total = unlimitedTotal;
  if (cl.unlimited === 0) {
    total = 0;
    for (let a = 0; a < ACCOMMODATION_COUNT; a++) total += stateWeight(cl, shares, from, offset, a);
  }
  if (!(total > 0)) return from >= 0 ? -1 : OTHER;
  let x = leaverRandom(cl, l) * total;
  let last = 0;
  for (let a = 0; a < ACCOMMODATION_COUNT; a++) {
    const w = stateWeight(cl, shares, from, offset, a);
    if (w <= 0) continue;
    last = a;
    if (x < w) return a;
    x -= w;
  }
  return last;
}

/** The weight of state `a` in `drawState`: 0 for `from` and for a full state, else its share. */
function stateWeight(cl: CareLeavers, shares: readonly number[], from: number, offset: number, a: number): number {
  return a === from || (cl.unlimited === 0 && cl.size[a]! >= cl.step.places[a]!) ? 0 : shares[offset + a]!;
}

function flushCost(st: ReplicationState, cl: CareLeavers, a: number): void {
  const dt = st.sim.now - cl.costSince[a]!;
  if (dt > 0) cl.cost[a] = cl.cost[a]! + cl.size[a]! * cl.step.costPerDay[a]! * dt;
  cl.costSince[a] = st.sim.now;
}

function enterState(st: ReplicationState, cl: CareLeavers, l: number, a: number): void {
  flushCost(st, cl, a);
  let list = cl.members[a]!;
  if (cl.size[a] === list.length) {
    const bigger = new Int32Array(list.length * 2);
    bigger.set(list);
    cl.members[a] = list = bigger;
  }
  cl.pos[l] = cl.size[a]!;
  list[cl.size[a]!++] = l;
  cl.state[l] = a;
}

function leaveState(st: ReplicationState, cl: CareLeavers, l: number): void {
  const a = cl.state[l]!;
  flushCost(st, cl, a);
  const list = cl.members[a]!;
  const p = cl.pos[l]!;
  const last = list[--cl.size[a]!]!;
  list[p] = last;
  cl.pos[last] = p;
  if (a === SP_INHOUSE) releasePlace(st, cl, l);
}

function release(cl: CareLeavers, l: number): void {
  cl.alive[l] = 0;
  cl.handle[l] = -1;
  cl.free.push(l);
}

/** Hazard per day of young person `l`'s next move: move-on from staying put, else moving between states. */
function hazardOf(cl: CareLeavers, l: number): number {
  const a = cl.state[l]!;
  if (isStayingPut(a)) return cl.step.moveOnPerDay[a]!;
  return cl.tables.moveTotal[careLeaverAgeGroup(cl.age[l]!) * ACCOMMODATION_COUNT + a]!;
}

/** Draws young person `l`'s next event: the next birthday, or a move before it. */
function scheduleLeaver(st: ReplicationState, cl: CareLeavers, l: number): void {
  const now = st.sim.now;
  let t = cl.nextBirthday[l]!;
  let kind = EV_LEAVER_BIRTHDAY;
  const h = hazardOf(cl, l);
  if (h > 0) {
    const x = now + standardExponential(leaverRandom(cl, l), leaverRandom, cl, l) / h;
    if (x < t) {
      t = x;
      kind = EV_LEAVER;
    }
  }
  cl.handle[l] = t < st.endTime ? st.sim.scheduleAt(t, l * EVENT_KINDS + kind, PRIORITY_CHILD) : -1;
}

function moveTo(st: ReplicationState, cl: CareLeavers, l: number, to: number): void {
  const from = cl.state[l]!;
  leaveState(st, cl, l);
  cl.movesOut[from]!++;
  cl.movesIn[to]!++;
  enterState(st, cl, l, to);
}

/** Young person `l` moves on (a move hazard, staying put ending at 21, or its household leaving); stays when nothing has room. */
function moveOn(st: ReplicationState, cl: CareLeavers, l: number): void {
  const a = cl.state[l]!;
  const g = careLeaverAgeGroup(cl.age[l]!);
  let to: number;
  if (isStayingPut(a)) to = drawMoveOn(cl, l, g, a);
  else to = drawState(cl, l, cl.c.movePerDay[g]!, a, a * ACCOMMODATION_COUNT, cl.tables.moveRowTotal[g * ACCOMMODATION_COUNT + a]!);
  if (to >= 0) moveTo(st, cl, l, to);
  // A household that left takes its staying-put place with it: the young person moves on even when nothing has room.
  else if (a === SP_INHOUSE && cl.house[l]! < 0) moveTo(st, cl, l, OTHER);
}

export function onLeaver(st: ReplicationState, l: number, kind: number): void {
  const cl = st.leavers!;
  cl.handle[l] = -1;
  if (kind === EV_LEAVER_JOIN) {
    setAge(cl, l, CARE_LEAVER_FROM_AGE_YEARS);
    cl.byAge[0]!++;
    const state = drawMoveOn(cl, l, 0, -1);
    enterState(st, cl, l, state);
    cl.entries[state]!++;
  } else if (kind === EV_LEAVER_BIRTHDAY) {
    const age = cl.age[l]! + 1;
    cl.byAge[careLeaverAgeGroup(age - 1)]!--;
    if (age >= cl.c.endAgeYears) {
      const a = cl.state[l]!;
      leaveState(st, cl, l);
      cl.exits[a]!++;
      release(cl, l);
      return;
    }
    setAge(cl, l, age);
    cl.byAge[careLeaverAgeGroup(age)]!++;
    if (age >= STAYING_PUT_MAX_AGE_YEARS && isStayingPut(cl.state[l]!)) {
      moveOn(st, cl, l);
      // Nothing had room: staying put still ends at 21.
      if (isStayingPut(cl.state[l]!)) moveTo(st, cl, l, OTHER);
    }
  } else moveOn(st, cl, l);
  scheduleLeaver(st, cl, l);
}

/** A household of in-house foster care (index `h` of `st.houses`) joins: it holds no staying-put place yet. */
export function careLeaversHouseholdAdded(st: ReplicationState, c: number): void {
  const cl = st.leavers;
  if (c !== INHOUSE || !cl) return;
  cl.held.push(0);
  cl.firstHolder.push(-1);
  addFree(cl, cl.held.length - 1, st.houses[INHOUSE]![cl.held.length - 1]!);
}

/**
 * Household `h` of category `c` leaves (before `st.houses` swaps the last household into its index):
 * young people staying put there move on, and those of the last household follow it to index `h`.
 */
export function careLeaversHouseholdRemoved(st: ReplicationState, c: number, h: number): void {
  const cl = st.leavers;
  if (c !== INHOUSE || !cl) return;
  const lastHouse = cl.held.length - 1;
  // Each household's holders are listed (`firstHolder`), so nothing is scanned: the cost does not grow
  // with the young people staying put.
  if (cl.held[h]! > 0) {
    // In the order of the staying-put list (their positions), the order their draws and events are made in.
    const leaving: number[] = [];
    for (let n = cl.held[h]!, x = cl.firstHolder[h]!; n > 0; n--, x = cl.nextHolder[x]!) leaving.push(x);
    leaving.sort((a, b) => cl.pos[a]! - cl.pos[b]!);
    for (const l of leaving) {
      releasePlace(st, cl, l);
      moveOn(st, cl, l);
      if (cl.handle[l]! >= 0) st.sim.cancel(cl.handle[l]!);
      scheduleLeaver(st, cl, l);
    }
  }
  for (let n = cl.held[lastHouse]!, x = cl.firstHolder[lastHouse]!; n > 0; n--, x = cl.nextHolder[x]!) cl.house[x] = h;
  // The last household takes index h (st.houses swaps the same way after this call).
  const houses = st.houses[INHOUSE]!;
  const freeLast = houses[lastHouse]! - cl.held[lastHouse]!;
  addFree(cl, h, freeLast - (houses[h]! - cl.held[h]!));
  addFree(cl, lastHouse, -freeLast);
  cl.held[h] = cl.held[lastHouse]!;
  cl.held.pop();
  cl.firstHolder[h] = cl.firstHolder[lastHouse]!;
  cl.firstHolder.pop();
}

/** Step `i` of the care-leaver levers: costs flushed, and young people staying put re-draw if their hazard changed. */
export function onStep(st: ReplicationState, cl: CareLeavers, i: number): void {
  for (let a = 0; a < ACCOMMODATION_COUNT; a++) flushCost(st, cl, a);
  const before = cl.step;
  cl.step = cl.c.steps[i]!;
  cl.stepIndex = i;
  cl.unlimited = cl.tables.unlimited[i]!;
  for (const a of [SP_INHOUSE, SP_IFA]) {
    if (before.moveOnPerDay[a] === cl.step.moveOnPerDay[a]) continue;
    const list = cl.members[a]!;
    for (let k = 0; k < cl.size[a]!; k++) {
      const l = list[k]!;
      if (cl.handle[l]! >= 0) st.sim.cancel(cl.handle[l]!);
      scheduleLeaver(st, cl, l);
    }
  }
}

/** Month end `i`: the care-leaver flows of the month written and reset. */
export function careLeaverFlows(st: ReplicationState, i: number): void {
  const cl = st.leavers;
  if (!cl) return;
  const v = st.out.values;
  const L = st.out.layout.careLeavers!;
  for (let a = 0; a < ACCOMMODATION_COUNT; a++) flushCost(st, cl, a);
  putFlow(cl.entries, v, L.entries, L.entriesTotal, i);
  putFlow(cl.movesIn, v, L.movesIn, L.movesInTotal, i);
  putFlow(cl.movesOut, v, L.movesOut, L.movesOutTotal, i);
  putFlow(cl.exits, v, L.exits, L.exitsTotal, i);
  putFlow(cl.cost, v, L.cost, L.costTotal, i);
}

/** A month's flow by state written into `v` at output index `i` (each state at `at`, their total at `total`), each reset as it is read. */
function putFlow(from: Float64Array, v: Float64Array, at: Int32Array, total: number, i: number): void {
  let sum = 0;
  for (let a = 0; a < ACCOMMODATION_COUNT; a++) {
    v[at[a]! + i] = from[a]!;
    sum += from[a]!;
    from[a] = 0;
  }
  v[total + i] = sum;
}

/** Month end (or start) `i`: the care-leaver stocks. */
export function careLeaverStock(st: ReplicationState, i: number): void {
  const cl = st.leavers;
  if (!cl) return;
  const v = st.out.values;
  const L = st.out.layout.careLeavers!;
  let total = 0;
  for (let a = 0; a < ACCOMMODATION_COUNT; a++) {
    v[L.stock[a]! + i] = cl.size[a]!;
    total += cl.size[a]!;
  }
  v[L.stockTotal + i] = total;
  let byAge = 0;
  for (let g = 0; g < GROUPS; g++) {
    v[L.byAge[g]! + i] = cl.byAge[g]!;
    byAge += cl.byAge[g]!;
  }
  v[L.byAgeTotal + i] = byAge;
  v[L.stayingPut[0]! + i] = cl.size[SP_INHOUSE]!;
  v[L.stayingPut[1]! + i] = cl.size[SP_IFA]!;
  v[L.stayingPutTotal + i] = cl.size[SP_INHOUSE]! + cl.size[SP_IFA]!;
  v[L.placesHeld + i] = st.placesHeld[INHOUSE]!;
  v[L.placesHeldTotal + i] = st.placesHeld[INHOUSE]!;
}

/** Throws when the care-leaver state breaks an invariant (tests only). */
export function checkCareLeaverInvariants(st: ReplicationState, fail: (what: string) => never): void {
  const cl = st.leavers;
  if (!cl) return;
  const now = st.sim.now;
  const size = new Int32Array(ACCOMMODATION_COUNT);
  const byAge = new Float64Array(GROUPS);
  const held = cl.held.map(() => 0);
  let holding = 0;
  for (let l = 0; l < cl.used; l++) {
    if (cl.alive[l] !== 1 || cl.state[l] === PENDING) continue;
    const a = cl.state[l]!;
    size[a]!++;
    if (cl.members[a]![cl.pos[l]!] !== l) fail(`care leaver in slot ${l} is not listed in its state`);
    const age = cl.age[l]!;
    if (anniversaryDay(cl.birth[l]!, CARE_LEAVER_FROM_AGE_YEARS) > now - 1) fail(`a care leaver is under 18`);
    if (anniversaryDay(cl.birth[l]!, cl.c.endAgeYears) <= now - 1) fail(`a care leaver is ${cl.c.endAgeYears} or over`);
    if (anniversaryDay(cl.birth[l]!, age) > now - 1 || anniversaryDay(cl.birth[l]!, age + 1) <= now - 1) fail(`a care leaver has a stale age`);
    byAge[careLeaverAgeGroup(age)]!++;
    if (isStayingPut(a) && anniversaryDay(cl.birth[l]!, STAYING_PUT_MAX_AGE_YEARS) <= now - 1) fail('a young person stays put after 21');
    const h = cl.house[l]!;
    if (a === SP_INHOUSE && cl.c.holdsPlaces) {
      if (h < 0 || h >= st.houses[INHOUSE]!.length) fail('a young person staying put in-house holds no place of an existing household');
      held[h]!++;
      holding++;
    } else if (h >= 0) fail(`a care leaver in ${ACCOMMODATIONS[a]} holds a household place`);
  }
  for (let a = 0; a < ACCOMMODATION_COUNT; a++) if (size[a] !== cl.size[a]) fail(`care leavers in ${ACCOMMODATIONS[a]}: ${cl.size[a]}, young people ${size[a]}`);
  for (let g = 0; g < GROUPS; g++) if (byAge[g] !== cl.byAge[g]) fail(`care leavers aged ${CARE_LEAVER_AGES[g]}: ${cl.byAge[g]}, young people ${byAge[g]}`);
  if (holding !== st.placesHeld[INHOUSE]) fail(`places held ${st.placesHeld[INHOUSE]}, young people holding ${holding}`);
  if (cl.held.length !== st.houses[INHOUSE]!.length) fail('held places are not tracked per household');
  const places = st.houses[INHOUSE]!.reduce((x, y) => x + y, 0);
  if (places !== st.places[INHOUSE]) fail(`in-house places ${st.places[INHOUSE]}, households' places add up to ${places}`);
  const blockFree = cl.blockFree.map(() => 0);
  for (let h = 0; h < held.length; h++) blockFree[h >> HOUSE_BLOCK_BITS]! += st.houses[INHOUSE]![h]! - cl.held[h]!;
  blockFree.forEach((v, k) => v !== cl.blockFree[k] && fail(`households ${k * HOUSE_BLOCK}-: ${cl.blockFree[k]} places not held, households ${v}`));
  if (cl.firstHolder.length !== cl.held.length) fail('holders are not listed per household');
  for (let h = 0; h < held.length; h++) {
    if (held[h] !== cl.held[h]) fail(`household ${h} holds ${cl.held[h]} places, young people ${held[h]}`);
    let listed = 0;
    for (let x = cl.firstHolder[h]!; x >= 0 && listed <= held[h]!; x = cl.nextHolder[x]!, listed++) {
      if (cl.house[x] !== h) fail(`household ${h} lists a holder of household ${cl.house[x]}`);
    }
    if (listed !== held[h]) fail(`household ${h} lists ${listed} holders, young people ${held[h]}`);
    if (cl.held[h]! > st.houses[INHOUSE]![h]!) fail(`household ${h} holds more places than it has`);
  }
  if (st.limited[INHOUSE] === 1 && st.capacity[INHOUSE]! + st.placesHeld[INHOUSE]! > st.places[INHOUSE]! + Math.max(0, st.extraBeds[INHOUSE]!)) {
    fail('in-house capacity for children plus places held exceeds places');
  }
}
