import { Simulator, type Action } from '../kernel/simulator.js';
import { RandomStream } from '../random/random-stream.js';
import { log } from '../random/exact-math.js';
import { DAYS_PER_YEAR, dayToIso } from './dates.js';
import { AGE_BANDS, ENTRY_ROUTES, EXIT_REASONS, PLACEMENT_CATEGORIES } from './ids.js';
import { anniversaryDay } from './calendar.js';
import {
  AGE_BAND_COUNT,
  CATEGORY_COUNT,
  ENTRY_CELL_COUNT,
  EXIT_TARGET_OFFSET,
  ROUTE_COUNT,
  type CompiledDurationCap,
  type CompiledModel,
  type Epoch,
  type HazardTable,
} from './compiled-model.js';
import type { ChildRecord, EpisodeRecord, ReplicationOptions, ReplicationOutput } from './replication-output.js';

/** Event priorities at equal times: month-end stocks first, then rate changes, capacity changes, the rest. */
const PRIORITY_SNAPSHOT = -3;
const PRIORITY_EPOCH = -2;
const PRIORITY_CAPACITY = -1;
const PRIORITY_CHILD = 0;

/** Ages (years) at which a child enters the next age band; the last is leaving care at 18. */
const BAND_END_YEARS = [1, 5, 10, 16, 18];
const BAND_START_YEARS = [0, 1, 5, 10, 16];
const SUPPORTED = PLACEMENT_CATEGORIES.indexOf('supported');
const SIXTEEN_PLUS_BAND = 4;

const EVENT_TRANSITION = 0;
const EVENT_BOUNDARY = 1;
/** `handle` values: no event because the child's own event is firing, or the next one is after the run. */
const HANDLE_FIRING = -1;
const HANDLE_AFTER_END = -2;

type SpellReason = EpisodeRecord['reason'];

/** Runs one replication of the care model: `seed` and `replication` pick the random streams. */
export function runReplication(
  model: CompiledModel,
  seed: number,
  replication: number,
  options: ReplicationOptions = {},
): ReplicationOutput {
  return new Replication(model, seed, replication, options).run();
}

/** A growable list of child slots per category with O(1) removal (the child stores its position). */
class Members {
  items: Int32Array = new Int32Array(16);
  size = 0;
}

class Replication {
  private readonly m: CompiledModel;
  private readonly sim: Simulator;
  private readonly endTime: number;
  private readonly nDur: number;
  private readonly durBounds: Float64Array;
  private readonly caps: CompiledDurationCap[];
  private readonly capCount: number;
  private readonly capsByCategory: number[][];
  private readonly record: boolean;
  private readonly check: boolean;

  private readonly rngDisplacement: RandomStream;
  private readonly rngRecruitment: RandomStream;
  private readonly rngDeregistration: RandomStream;
  private readonly rngInitial: RandomStream;
  private readonly rngEntries: (RandomStream | null)[] = [];
  private readonly rngAttributes: (RandomStream | null)[] = [];

  private epoch: Epoch;
  private table: HazardTable;

  // Children, struct of arrays by slot.
  private slots = 0;
  private used = 0;
  private readonly free: number[] = [];
  private nextId = 0;
  private birth: Float64Array = new Float64Array(0);
  private entered: Float64Array = new Float64Array(0);
  private placeStart: Float64Array = new Float64Array(0);
  private nextAge: Float64Array = new Float64Array(0);
  private nextDur: Float64Array = new Float64Array(0);
  private handle: Float64Array = new Float64Array(0);
  private waitSeq: Float64Array = new Float64Array(0);
  /** Each child's own random state (mulberry32), seeded from its arrival cell's stream. */
  private rngState: Int32Array = new Int32Array(0);
  private capHandle: Float64Array = new Float64Array(0);
  private category: Int8Array = new Int8Array(0);
  private band: Int8Array = new Int8Array(0);
  private dur: Int8Array = new Int8Array(0);
  private waitFor: Int8Array = new Int8Array(0);
  private uasc: Uint8Array = new Uint8Array(0);
  private sex: Uint8Array = new Uint8Array(0);
  private route: Uint8Array = new Uint8Array(0);
  private kind: Uint8Array = new Uint8Array(0);
  private ooa: Uint8Array = new Uint8Array(0);
  private alive: Uint8Array = new Uint8Array(0);
  private pos: Int32Array = new Int32Array(0);
  private id: Int32Array = new Int32Array(0);
  private episode: Int32Array = new Int32Array(0);
  private readonly childActions: Action[] = [];
  private readonly capActions: Action[] = [];

  // Categories.
  private readonly members: Members[] = [];
  private readonly capacity = new Float64Array(CATEGORY_COUNT);
  private readonly places = new Float64Array(CATEGORY_COUNT);
  private readonly extraBeds = new Float64Array(CATEGORY_COUNT);
  private readonly limited: Uint8Array;
  private readonly houses: number[][] = [];
  private readonly recruitHandle = new Float64Array(CATEGORY_COUNT).fill(-1);
  private readonly deregHandle = new Float64Array(CATEGORY_COUNT).fill(-1);
  private readonly recruitActions: Action[] = [];
  private readonly deregActions: Action[] = [];
  private readonly waitQueue: number[][] = [];
  private readonly waitQueueSeq: number[][] = [];
  private readonly waitHead = new Int32Array(CATEGORY_COUNT);
  private readonly waitCount = new Float64Array(CATEGORY_COUNT);
  private waitCounter = 0;
  private readonly fillQueue: number[] = [];
  private filling = false;
  private outOfAreaCount = 0;
  private inCareTotal = 0;
  /** Children in care per age band now. */
  private readonly inCareByAge = new Float64Array(AGE_BAND_COUNT);

  // Entry processes.
  private readonly entryHandle = new Float64Array(ENTRY_CELL_COUNT).fill(-1);
  private readonly entryActions: Action[] = [];

  // Flows since the last month end.
  private readonly entries = new Float64Array(CATEGORY_COUNT);
  private readonly entriesByAge = new Float64Array(AGE_BAND_COUNT);
  private readonly exits = new Float64Array(EXIT_REASONS.length);
  private readonly exitsFrom = new Float64Array(CATEGORY_COUNT);
  private readonly moves = new Float64Array(CATEGORY_COUNT * CATEGORY_COUNT);
  private readonly outOfPreference = new Float64Array(CATEGORY_COUNT);
  private readonly cost = new Float64Array(CATEGORY_COUNT);
  private readonly costSince = new Float64Array(CATEGORY_COUNT);
  private readonly blockPerDay = new Float64Array(CATEGORY_COUNT);

  // Outputs.
  private readonly nDates: number;
  private readonly series: Record<string, Float64Array> = {};
  private readonly stockInCare: Float64Array[] = [];
  private readonly stockInCareTotal: Float64Array;
  private readonly stockInCareByAge: Float64Array[] = [];
  private readonly stockInCareByAgeTotal: Float64Array;
  private readonly flowEntriesByAge: Float64Array[] = [];
  private readonly flowEntriesByAgeTotal: Float64Array;
  private readonly flowEntries: Float64Array[] = [];
  private readonly flowEntriesTotal: Float64Array;
  private readonly flowExits: Float64Array[] = [];
  private readonly flowExitsTotal: Float64Array;
  private readonly flowExitsFrom: Float64Array[] = [];
  private readonly flowExitsFromTotal: Float64Array;
  private readonly flowMoves: (Float64Array | null)[] = [];
  private readonly stockCapacity: (Float64Array | null)[] = [];
  private readonly stockOccupied: (Float64Array | null)[] = [];
  private readonly flowOop: (Float64Array | null)[] = [];
  private readonly flowOopTotal: Float64Array;
  private readonly stockWaiting: (Float64Array | null)[] = [];
  private readonly stockWaitingTotal: Float64Array;
  private readonly stockOutOfArea: Float64Array;
  private readonly flowCost: Float64Array[] = [];
  private readonly flowCostTotal: Float64Array;
  private readonly episodes: EpisodeRecord[] = [];
  private readonly childRecords: ChildRecord[] = [];

  constructor(model: CompiledModel, seed: number, replication: number, options: ReplicationOptions) {
    this.m = model;
    this.record = options.recordEpisodes === true;
    this.check = options.checkInvariants === true;
    this.sim = new Simulator(model.startDay);
    this.endTime = model.endDay + 1;
    this.nDur = model.durationBandCount;
    this.durBounds = Float64Array.from(model.durationBoundsDays);
    this.caps = model.durationCaps;
    this.capCount = this.caps.length;
    this.capsByCategory = PLACEMENT_CATEGORIES.map((_, c) => this.caps.flatMap((cap, j) => (cap.category === c ? [j] : [])));
    this.limited = Uint8Array.from(model.capacityKind, (k) => (k === 0 ? 0 : 1));
    const stream = (name: string): RandomStream => RandomStream.derive(seed, name, replication);
    this.rngDisplacement = stream('displacement');
    this.rngRecruitment = stream('recruitment');
    this.rngDeregistration = stream('deregistration');
    this.rngInitial = stream('initial-population');
    for (let k = 0; k < ENTRY_CELL_COUNT; k++) {
      const active = model.epochs.some((e) => e.entryPerDay[k]! > 0);
      const name = `${k >= ENTRY_CELL_COUNT / 2 ? 'uasc' : 'entries'}|${Math.floor(k / ROUTE_COUNT) % AGE_BAND_COUNT}|${k % ROUTE_COUNT}`;
      this.rngEntries.push(active ? stream(name) : null);
      this.rngAttributes.push(active ? stream(`entrant-attributes|${name}`) : null);
      this.entryActions.push(() => this.onArrival(k));
    }
    this.epoch = model.epochs[0]!;
    this.table = model.hazardTables[this.epoch.hazard]!;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      this.members.push(new Members());
      this.houses.push([]);
      this.waitQueue.push([]);
      this.waitQueueSeq.push([]);
      this.recruitActions.push(() => this.onRecruitment(c));
      this.deregActions.push(() => this.onDeregistration(c));
    }

    const n = (this.nDates = model.dates.length);
    const key = (metric: string, cat: string): Float64Array => (this.series[`${metric}|${cat}`] = new Float64Array(n));
    for (const c of PLACEMENT_CATEGORIES) this.stockInCare.push(key('in_care', c));
    this.stockInCareTotal = key('in_care', 'total');
    for (const b of AGE_BANDS) this.stockInCareByAge.push(key('in_care_by_age', b));
    this.stockInCareByAgeTotal = key('in_care_by_age', 'total');
    for (const c of PLACEMENT_CATEGORIES) this.flowEntries.push(key('entries', c));
    this.flowEntriesTotal = key('entries', 'total');
    for (const b of AGE_BANDS) this.flowEntriesByAge.push(key('entries_by_age', b));
    this.flowEntriesByAgeTotal = key('entries_by_age', 'total');
    for (const r of EXIT_REASONS) this.flowExits.push(key('exits', r));
    this.flowExitsTotal = key('exits', 'total');
    for (const c of PLACEMENT_CATEGORIES) this.flowExitsFrom.push(key('exits_from', c));
    this.flowExitsFromTotal = key('exits_from', 'total');
    for (let i = 0; i < CATEGORY_COUNT * CATEGORY_COUNT; i++) this.flowMoves.push(null);
    for (const [a, b] of model.moveKeys) this.flowMoves[a * CATEGORY_COUNT + b] = key('moves', `${PLACEMENT_CATEGORIES[a]}->${PLACEMENT_CATEGORIES[b]}`);
    PLACEMENT_CATEGORIES.forEach((c, i) => {
      this.stockCapacity.push(this.limited[i] ? key('capacity', c) : null);
      this.stockOccupied.push(this.limited[i] ? key('occupied', c) : null);
    });
    PLACEMENT_CATEGORIES.forEach((c, i) => this.flowOop.push(this.limited[i] ? key('placed_out_of_preference', c) : null));
    this.flowOopTotal = key('placed_out_of_preference', 'total');
    PLACEMENT_CATEGORIES.forEach((c, i) => this.stockWaiting.push(this.limited[i] ? key('waiting', c) : null));
    this.stockWaitingTotal = key('waiting', 'total');
    this.stockOutOfArea = key('out_of_area', 'total');
    for (const c of PLACEMENT_CATEGORIES) this.flowCost.push(key('cost', c));
    this.flowCostTotal = key('cost', 'total');
  }

  run(): ReplicationOutput {
    const m = this.m;
    const sim = this.sim;
    const initialSize = m.initialCells.reduce((a, c) => a + c.count, 0) + m.initialChildren.length;
    this.grow(Math.max(64, Math.ceil(initialSize * 1.3)));
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      if (m.capacityKind[c] === 2) {
        for (let h = 0; h < m.initialHouseholds[c]!; h++) this.houses[c]!.push(m.placesPerHousehold[c]!);
        this.places[c] = m.initialHouseholds[c]! * m.placesPerHousehold[c]!;
      }
      this.extraBeds[c] = m.initialBeds[c]!;
      this.updateCapacity(c);
      this.blockPerDay[c] = m.initialBlockPerDay[c]!;
      this.costSince[c] = m.startDay;
    }
    this.placeInitialPopulation();
    this.takeStock(0);

    for (let k = 0; k < ENTRY_CELL_COUNT; k++) this.scheduleArrival(k);
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      if (m.capacityKind[c] === 2) {
        this.scheduleRecruitment(c);
        this.scheduleDeregistration(c);
      }
    }
    for (let i = 1; i < m.epochs.length; i++) sim.scheduleAt(m.epochs[i]!.day, () => this.onEpoch(i), PRIORITY_EPOCH);
    for (const ev of m.capacityEvents) sim.scheduleAt(ev.day, () => this.onCapacityChange(ev.category, ev.change, ev.blockPerDay), PRIORITY_CAPACITY);
    m.snapshotDays.forEach((d, i) => sim.scheduleAt(d + 1, () => this.onSnapshot(i + 1), PRIORITY_SNAPSHOT));
    sim.run(this.endTime);

    const out: ReplicationOutput = { dates: m.dates.slice(), series: this.series, eventsFired: sim.eventsFired };
    if (this.record) {
      out.episodes = this.episodes;
      out.children = this.childRecords;
    }
    return out;
  }

  // ---- Children -------------------------------------------------------------------------------

  private grow(min: number): void {
    if (min <= this.slots) return;
    const n = Math.max(min, this.slots * 2);
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i8 = (a: Int8Array): Int8Array => {
      const b = new Int8Array(n);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array): Uint8Array => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.birth = f64(this.birth);
    this.entered = f64(this.entered);
    this.placeStart = f64(this.placeStart);
    this.nextAge = f64(this.nextAge);
    this.nextDur = f64(this.nextDur);
    this.handle = f64(this.handle);
    this.waitSeq = f64(this.waitSeq);
    this.rngState = i32(this.rngState);
    const capHandle = new Float64Array(n * this.capCount);
    capHandle.set(this.capHandle);
    this.capHandle = capHandle;
    this.category = i8(this.category);
    this.band = i8(this.band);
    this.dur = i8(this.dur);
    this.waitFor = i8(this.waitFor);
    this.uasc = u8(this.uasc);
    this.sex = u8(this.sex);
    this.route = u8(this.route);
    this.kind = u8(this.kind);
    this.ooa = u8(this.ooa);
    this.alive = u8(this.alive);
    this.pos = i32(this.pos);
    this.id = i32(this.id);
    this.episode = i32(this.episode);
    for (let s = this.slots; s < n; s++) {
      this.childActions.push(() => this.onChild(s));
      for (let j = 0; j < this.capCount; j++) this.capActions.push(() => this.onCap(s, j));
    }
    this.slots = n;
  }

  /** Creates a child in care (not yet in a category); returns its slot. */
  /** `band` is the child's age band now when the caller knows it, else -1. */
  private newChild(birth: number, entered: number, uasc: number, sex: number, route: number, randomSeed: number, band: number): number {
    let s: number;
    if (this.free.length > 0) s = this.free.pop()!;
    else {
      if (this.used === this.slots) this.grow(this.used + 1);
      s = this.used++;
    }
    const now = this.sim.now;
    this.birth[s] = birth;
    this.rngState[s] = randomSeed;
    this.entered[s] = entered;
    this.uasc[s] = uasc;
    this.sex[s] = sex;
    this.route[s] = route;
    this.alive[s] = 1;
    this.waitFor[s] = -1;
    this.handle[s] = HANDLE_AFTER_END;
    this.id[s] = this.nextId++;
    const b = band >= 0 ? band : this.bandAt(birth, now);
    this.band[s] = b;
    this.inCareByAge[b]!++;
    this.nextAge[s] = anniversaryDay(birth, BAND_END_YEARS[b]!);
    const inCare = now - entered;
    let d = 0;
    while (d < this.nDur - 1 && this.durBounds[d]! <= inCare) d++;
    this.dur[s] = d;
    this.nextDur[s] = d < this.nDur - 1 ? entered + this.durBounds[d]! : Infinity;
    for (let j = 0; j < this.capCount; j++) this.capHandle[s * this.capCount + j] = -1;
    this.inCareTotal++;
    if (this.record) {
      this.childRecords.push({
        child: this.id[s]!,
        birth: dayToIso(birth),
        sex: sex === 0 ? 'male' : 'female',
        uasc: uasc === 1,
        route: ENTRY_ROUTES[route]!,
        entered: dayToIso(Math.floor(entered)),
        outOfArea: false,
      });
    }
    return s;
  }

  /** Puts child `s` into category `c` (its first category, or after leaving another). */
  private addToCategory(s: number, c: number, outOfArea: number, reason: SpellReason): void {
    this.flushCost(c);
    const list = this.members[c]!;
    if (list.size === list.items.length) {
      const bigger = new Int32Array(list.items.length * 2);
      bigger.set(list.items);
      list.items = bigger;
    }
    this.pos[s] = list.size;
    list.items[list.size++] = s;
    this.category[s] = c;
    this.ooa[s] = outOfArea;
    this.outOfAreaCount += outOfArea;
    if (this.record) {
      const start = reason === 'initial' ? this.placeStart[s]! : this.sim.now;
      this.episode[s] = this.episodes.length;
      this.episodes.push({
        child: this.id[s]!,
        start: dayToIso(Math.floor(start)),
        end: null,
        category: PLACEMENT_CATEGORIES[c]!,
        reason,
        exit: null,
        outOfArea: outOfArea === 1,
      });
      if (reason === 'entry' || reason === 'initial') this.childRecords[this.childRecords.length - 1]!.outOfArea = outOfArea === 1;
    }
    for (const j of this.capsByCategory[c]!) this.scheduleCap(s, j);
  }

  private removeFromCategory(s: number, exit: number): void {
    const c = this.category[s]!;
    this.flushCost(c);
    const list = this.members[c]!;
    const p = this.pos[s]!;
    const last = list.items[--list.size]!;
    list.items[p] = last;
    this.pos[last] = p;
    this.outOfAreaCount -= this.ooa[s]!;
    for (const j of this.capsByCategory[c]!) {
      const h = this.capHandle[s * this.capCount + j]!;
      if (h >= 0) this.sim.cancel(h);
      this.capHandle[s * this.capCount + j] = -1;
    }
    if (this.record) {
      const e = this.episodes[this.episode[s]!]!;
      e.end = dayToIso(Math.floor(this.sim.now));
      if (exit >= 0) e.exit = EXIT_REASONS[exit]!;
    }
  }

  /**
   * Uniform on [0, 1) from child `s`'s own stream (mulberry32): a lever that changes one child's path
   * leaves every other child's draws where they were (common random numbers).
   */
  private childRandom(s: number): number {
    let t = (this.rngState[s] = (this.rngState[s]! + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private drawOutOfArea(s: number, c: number): number {
    const p = this.m.outOfAreaProbability[c]!;
    return p > 0 && this.childRandom(s) < p ? 1 : 0;
  }

  /**
   * Draws child `s`'s next event: a transition, or the next change of its hazards (an age band, a
   * duration band whose hazards differ, or leaving care at 18).
   */
  private scheduleChild(s: number): void {
    const now = this.sim.now;
    const cell = this.cell(s);
    const t0 = this.nextAge[s]!;
    const td = this.hazardChangeByDuration(s, cell);
    let t = td < t0 ? td : t0;
    let kind = EVENT_BOUNDARY;
    const h = this.table.total[cell]!;
    if (h > 0) {
      const x = now - log(1 - this.childRandom(s)) / h;
      if (x < t) {
        t = x;
        kind = EVENT_TRANSITION;
      }
    }
    this.kind[s] = kind;
    this.handle[s] = t < this.endTime ? this.sim.scheduleAt(t, this.childActions[s]!, PRIORITY_CHILD) : HANDLE_AFTER_END;
  }

  /** When child `s`'s hazards next change with time in care (Infinity if they do not). */
  private hazardChangeByDuration(s: number, cell: number): number {
    const d = this.dur[s]!;
    const sig = this.table.signature;
    const own = sig[cell]!;
    for (let next = d + 1; next < this.nDur; next++) {
      if (sig[cell - d + next] !== own) return this.entered[s]! + this.durBounds[next - 1]!;
    }
    return Infinity;
  }

  /** Brings child `s`'s duration band up to date (bands are crossed without events when hazards do not change). */
  private syncDuration(s: number): void {
    const now = this.sim.now;
    while (now >= this.nextDur[s]!) {
      const d = this.dur[s]! + 1;
      this.dur[s] = d;
      this.nextDur[s] = d < this.nDur - 1 ? this.entered[s]! + this.durBounds[d]! : Infinity;
    }
  }

  private rescheduleChild(s: number): void {
    const h = this.handle[s]!;
    if (h >= 0) this.sim.cancel(h);
    this.scheduleChild(s);
  }

  private cell(s: number): number {
    this.syncDuration(s);
    return ((this.uasc[s]! * CATEGORY_COUNT + this.category[s]!) * AGE_BAND_COUNT + this.band[s]!) * this.nDur + this.dur[s]!;
  }

  private onChild(s: number): void {
    this.handle[s] = HANDLE_FIRING;
    const now = this.sim.now;
    if (this.kind[s] === EVENT_BOUNDARY) {
      if (now >= this.nextAge[s]!) {
        const b = this.band[s]! + 1;
        if (b === AGE_BAND_COUNT) {
          this.exitCare(s, this.ageOutReason(s));
          return;
        }
        this.inCareByAge[b - 1]!--;
        this.inCareByAge[b]!++;
        this.band[s] = b;
        this.nextAge[s] = anniversaryDay(this.birth[s]!, BAND_END_YEARS[b]!);
      }
      this.scheduleChild(s);
      return;
    }
    const t = this.table;
    const cell = this.cell(s);
    const from = t.start[cell]!;
    const to = t.start[cell + 1]!;
    let u = this.childRandom(s) * t.total[cell]!;
    let k = from;
    for (; k < to - 1; k++) {
      u -= t.rate[k]!;
      if (u < 0) break;
    }
    const target = t.target[k]!;
    if (target >= EXIT_TARGET_OFFSET) {
      this.exitCare(s, target - EXIT_TARGET_OFFSET);
      return;
    }
    this.requestMove(s, target, 'move');
    if (this.handle[s] === HANDLE_FIRING) this.scheduleChild(s);
  }

  private ageOutReason(s: number): number {
    return pick(this.m.ageOutWeights, this.childRandom(s));
  }

  private exitCare(s: number, reason: number): void {
    const c = this.category[s]!;
    this.removeFromCategory(s, reason);
    this.exits[reason]!++;
    this.exitsFrom[c]!++;
    this.inCareTotal--;
    this.inCareByAge[this.band[s]!]!--;
    this.clearWait(s);
    const h = this.handle[s]!;
    if (h >= 0) this.sim.cancel(h);
    this.handle[s] = HANDLE_AFTER_END;
    this.alive[s] = 0;
    this.free.push(s);
    this.freed(c);
  }

  /** Moves child `s` to category `q`: counts the move and re-draws its hazards. */
  private moveTo(s: number, q: number, reason: SpellReason): void {
    const c = this.category[s]!;
    this.removeFromCategory(s, -1);
    this.moves[c * CATEGORY_COUNT + q]!++;
    this.placeStart[s] = this.sim.now;
    if (this.waitFor[s] === q) this.clearWait(s);
    this.addToCategory(s, q, this.drawOutOfArea(s, q), reason);
    this.rescheduleChild(s);
    this.freed(c);
  }

  // ---- Placement ------------------------------------------------------------------------------

  /**
   * The placement rule: the preferred category if it has room (or the child is already there), else
   * the first fallback with room (never supported for under-16s, never `exclude`), else the last resort.
   */
  private place(preferred: number, current: number, under16: boolean, exclude: number): number {
    if (preferred !== exclude && this.hasRoom(preferred, current)) return preferred;
    const order = this.epoch.fallback[preferred]!;
    for (let i = 0; i < order.length; i++) {
      const q = order[i]!;
      if (q === exclude || (under16 && q === SUPPORTED)) continue;
      if (this.hasRoom(q, current)) return q;
    }
    return this.m.lastResort;
  }

  private hasRoom(q: number, current: number): boolean {
    return q === current || this.limited[q] === 0 || this.members[q]!.size < this.capacity[q]!;
  }

  /** A child in care asks to move to `preferred` (a transition or a duration cap). */
  private requestMove(s: number, preferred: number, reason: SpellReason): void {
    const c = this.category[s]!;
    const r = this.place(preferred, c, this.band[s]! < SIXTEEN_PLUS_BAND, -1);
    if (r === preferred) this.clearWait(s);
    else {
      if (!(this.waitFor[s] === preferred && r === c)) this.outOfPreference[preferred]!++;
      if (this.m.waitForPreferred) this.setWait(s, preferred);
      else this.clearWait(s);
    }
    if (r !== c) this.moveTo(s, r, reason);
  }

  private setWait(s: number, p: number): void {
    const w = this.waitFor[s]!;
    if (w === p) return;
    if (w >= 0) this.waitCount[w]!--;
    this.waitFor[s] = p;
    const seq = ++this.waitCounter;
    this.waitSeq[s] = seq;
    this.waitQueue[p]!.push(s);
    this.waitQueueSeq[p]!.push(seq);
    this.waitCount[p]!++;
  }

  private clearWait(s: number): void {
    const w = this.waitFor[s]!;
    if (w < 0) return;
    this.waitCount[w]!--;
    this.waitFor[s] = -1;
  }

  /** The first child still waiting for `c` (FIFO), removed from the queue; -1 if none. */
  private nextWaiting(c: number): number {
    const q = this.waitQueue[c]!;
    const seqs = this.waitQueueSeq[c]!;
    let head = this.waitHead[c]!;
    let found = -1;
    while (head < q.length) {
      const s = q[head]!;
      const seq = seqs[head]!;
      head++;
      if (this.alive[s] === 1 && this.waitFor[s] === c && this.waitSeq[s] === seq) {
        found = s;
        break;
      }
    }
    if (head > 256 && head * 2 > q.length) {
      q.splice(0, head);
      seqs.splice(0, head);
      head = 0;
    }
    this.waitHead[c] = head;
    return found;
  }

  /** A place may have freed in `c`: children waiting for it move in, and so on down the chain. */
  private freed(c: number): void {
    if (this.limited[c] === 0 || this.waitCount[c] === 0) return;
    this.fillQueue.push(c);
    if (this.filling) return;
    this.filling = true;
    while (this.fillQueue.length > 0) {
      const q = this.fillQueue.pop()!;
      while (this.waitCount[q]! > 0 && this.members[q]!.size < this.capacity[q]!) {
        const s = this.nextWaiting(q);
        if (s < 0) throw new Error(`waiting list of ${PLACEMENT_CATEGORIES[q]} is out of step with its count`);
        this.clearWait(s);
        this.moveTo(s, q, 'waiting-filled');
      }
    }
    this.filling = false;
  }

  /** Capacity of `c` fell below its occupancy: children chosen at random are moved out. */
  private displace(c: number): void {
    const list = this.members[c]!;
    while (list.size > this.capacity[c]!) {
      const s = list.items[this.rngDisplacement.integer(0, list.size - 1)]!;
      const r = this.place(c, -1, this.band[s]! < SIXTEEN_PLUS_BAND, c);
      if (r === c) break;
      this.outOfPreference[c]!++;
      if (this.m.waitForPreferred) this.setWait(s, c);
      else this.clearWait(s);
      this.moveTo(s, r, 'displaced');
    }
  }

  private updateCapacity(c: number): void {
    if (this.limited[c] === 0) return;
    this.capacity[c] = Math.max(0, this.places[c]! + this.extraBeds[c]!);
  }

  private onCapacityChange(c: number, change: number, blockPerDay: number): void {
    this.flushCost(c);
    this.blockPerDay[c] = this.blockPerDay[c]! + blockPerDay;
    this.extraBeds[c] = this.extraBeds[c]! + change;
    this.updateCapacity(c);
    if (change > 0) this.freed(c);
    else this.displace(c);
  }

  // ---- Supply of households -------------------------------------------------------------------

  private scheduleRecruitment(c: number): void {
    const h = this.recruitHandle[c]!;
    if (h >= 0) this.sim.cancel(h);
    this.recruitHandle[c] = -1;
    const sources = this.epoch.recruitment[c]!;
    let rate = 0;
    for (let i = 0; i < sources.length; i += 2) rate += sources[i]!;
    if (!(rate > 0)) return;
    const t = this.sim.now + this.rngRecruitment.exponential(rate);
    if (t < this.endTime) this.recruitHandle[c] = this.sim.scheduleAt(t, this.recruitActions[c]!, PRIORITY_CHILD);
  }

  private onRecruitment(c: number): void {
    this.recruitHandle[c] = -1;
    const sources = this.epoch.recruitment[c]!;
    let rate = 0;
    for (let i = 0; i < sources.length; i += 2) rate += sources[i]!;
    let u = this.rngRecruitment.random() * rate;
    let i = 0;
    for (; i < sources.length - 2; i += 2) {
      u -= sources[i]!;
      if (u < 0) break;
    }
    const placesOfHousehold = sources[i + 1]!;
    this.houses[c]!.push(placesOfHousehold);
    this.places[c] = this.places[c]! + placesOfHousehold;
    this.updateCapacity(c);
    this.scheduleRecruitment(c);
    this.scheduleDeregistration(c);
    this.freed(c);
  }

  private scheduleDeregistration(c: number): void {
    const h = this.deregHandle[c]!;
    if (h >= 0) this.sim.cancel(h);
    this.deregHandle[c] = -1;
    const rate = this.houses[c]!.length * this.epoch.deregistrationPerDay[c]!;
    if (!(rate > 0)) return;
    const t = this.sim.now + this.rngDeregistration.exponential(rate);
    if (t < this.endTime) this.deregHandle[c] = this.sim.scheduleAt(t, this.deregActions[c]!, PRIORITY_CHILD);
  }

  private onDeregistration(c: number): void {
    this.deregHandle[c] = -1;
    const houses = this.houses[c]!;
    const i = this.rngDeregistration.integer(0, houses.length - 1);
    const gone = houses[i]!;
    houses[i] = houses[houses.length - 1]!;
    houses.pop();
    this.places[c] = this.places[c]! - gone;
    this.updateCapacity(c);
    this.scheduleDeregistration(c);
    this.displace(c);
  }

  // ---- Entries --------------------------------------------------------------------------------

  private scheduleArrival(k: number): void {
    const h = this.entryHandle[k]!;
    if (h >= 0) this.sim.cancel(h);
    this.entryHandle[k] = -1;
    const rate = this.epoch.entryPerDay[k]!;
    const rng = this.rngEntries[k];
    if (!(rate > 0) || !rng) return;
    const t = this.sim.now + rng.exponential(rate);
    if (t < this.endTime) this.entryHandle[k] = this.sim.scheduleAt(t, this.entryActions[k]!, PRIORITY_CHILD);
  }

  private onArrival(k: number): void {
    this.entryHandle[k] = -1;
    const m = this.m;
    const rng = this.rngAttributes[k]!;
    const u = k >= ENTRY_CELL_COUNT / 2 ? 1 : 0;
    const b = Math.floor(k / ROUTE_COUNT) % AGE_BAND_COUNT;
    const now = this.sim.now;
    const birth = drawBirthDay(rng, b, Math.floor(now));
    const sex = rng.random() < (u === 1 ? m.uascMaleShare : m.maleShare) ? 0 : 1;
    const preferred = rng.categorical(m.firstPlacement[u]![b]!);
    const s = this.newChild(birth, now, u, sex, k % ROUTE_COUNT, seedFrom(rng), b);
    this.placeStart[s] = now;
    const r = this.place(preferred, -1, this.band[s]! < SIXTEEN_PLUS_BAND, -1);
    this.addToCategory(s, r, this.drawOutOfArea(s, r), 'entry');
    this.entries[r]!++;
    this.entriesByAge[this.band[s]!]!++;
    if (r !== preferred) {
      this.outOfPreference[preferred]!++;
      if (m.waitForPreferred) this.setWait(s, preferred);
    }
    this.scheduleChild(s);
    this.scheduleArrival(k);
  }

  private placeInitialPopulation(): void {
    const m = this.m;
    const rng = this.rngInitial;
    const S = m.startDay;
    for (const cell of m.initialCells) {
      for (let i = 0; i < cell.count; i++) {
        const birth = drawBirthDay(rng, cell.ageBand, S);
        const age = S - birth;
        let inCare: number;
        if (cell.durationBand >= 0) {
          const d = cell.durationBand;
          const lo = d === 0 ? 0 : this.durBounds[d - 1]!;
          const hi = d < this.nDur - 1 ? this.durBounds[d]! : lo + 730;
          inCare = Math.min(rng.uniform(lo, hi), age);
        } else inCare = rng.uniform(0, Math.min(age, 730));
        const u = cell.uasc ? 1 : 0;
        const route = rng.categorical(m.routeWeights[cell.ageBand]!);
        const sex = rng.random() < (u === 1 ? m.uascMaleShare : m.maleShare) ? 0 : 1;
        this.placeInitial(birth, S - inCare, S - inCare, u, sex, Math.max(route, 0), cell.category, -1, cell.ageBand);
      }
    }
    for (const c of m.initialChildren) {
      const birth = S - Math.floor(c.ageDays);
      const u = c.uasc ? 1 : 0;
      const sex = c.sex >= 0 ? c.sex : rng.random() < (u === 1 ? m.uascMaleShare : m.maleShare) ? 0 : 1;
      let route = c.route;
      if (route < 0) {
        const s = this.bandAt(birth, S);
        route = Math.max(0, rng.categorical(m.routeWeights[s]!));
      }
      this.placeInitial(birth, S - c.daysInCare, S - c.daysInPlacement, u, sex, route, c.category, c.outOfArea, -1);
    }
  }

  private bandAt(birth: number, day: number): number {
    let b = 0;
    while (b < AGE_BAND_COUNT - 1 && anniversaryDay(birth, BAND_END_YEARS[b]!) <= day) b++;
    return b;
  }

  private placeInitial(birth: number, entered: number, placeStart: number, u: number, sex: number, route: number, c: number, outOfArea: number, band: number): void {
    const s = this.newChild(birth, entered, u, sex, route, seedFrom(this.rngInitial), band);
    this.placeStart[s] = placeStart;
    const ooa = outOfArea >= 0 ? outOfArea : this.drawOutOfArea(s, c);
    this.addToCategory(s, c, ooa, 'initial');
    this.scheduleChild(s);
  }

  // ---- Duration caps --------------------------------------------------------------------------

  private scheduleCap(s: number, j: number): void {
    const cap = this.caps[j]!;
    const t = Math.max(this.placeStart[s]! + cap.afterDays, cap.fromDay, this.sim.now);
    if (t >= cap.untilDay || t >= this.endTime) return;
    this.capHandle[s * this.capCount + j] = this.sim.scheduleAt(t, this.capActions[s * this.capCount + j]!, PRIORITY_CHILD);
  }

  private onCap(s: number, j: number): void {
    this.capHandle[s * this.capCount + j] = -1;
    const cap = this.caps[j]!;
    if ((cap.ageMask & (1 << this.band[s]!)) === 0) return;
    if (!(this.childRandom(s) < cap.probability)) return;
    if (cap.target >= EXIT_TARGET_OFFSET) this.exitCare(s, cap.target - EXIT_TARGET_OFFSET);
    else this.requestMove(s, cap.target, 'move');
  }

  // ---- Time-varying rates ---------------------------------------------------------------------

  private onEpoch(i: number): void {
    this.flushAllCosts();
    const previous = this.epoch;
    const e = (this.epoch = this.m.epochs[i]!);
    this.table = this.m.hazardTables[e.hazard]!;
    const changed = e.hazardChanged;
    if (changed) {
      const last = this.nDur - 1;
      for (let s = 0; s < this.used; s++) {
        if (this.alive[s] !== 1) continue;
        const cell = this.cell(s);
        for (let k = cell, end = cell - this.dur[s]! + last; k <= end; k++) {
          if (changed[k] === 1) {
            this.rescheduleChild(s);
            break;
          }
        }
      }
    }
    for (let k = 0; k < ENTRY_CELL_COUNT; k++) if (e.entryPerDay[k] !== previous.entryPerDay[k]) this.scheduleArrival(k);
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      if (this.m.capacityKind[c] !== 2) continue;
      if (!sameNumbers(e.recruitment[c]!, previous.recruitment[c]!)) this.scheduleRecruitment(c);
      if (e.deregistrationPerDay[c] !== previous.deregistrationPerDay[c]) this.scheduleDeregistration(c);
    }
  }

  // ---- Costs and outputs ----------------------------------------------------------------------

  private flushCost(c: number): void {
    const now = this.sim.now;
    const dt = now - this.costSince[c]!;
    if (dt > 0) {
      const e = this.epoch;
      this.cost[c] = this.cost[c]! + (this.members[c]!.size * e.costPerDay[c]! + this.blockPerDay[c]! * e.inflation[c]!) * dt;
    }
    this.costSince[c] = now;
  }

  private flushAllCosts(): void {
    for (let c = 0; c < CATEGORY_COUNT; c++) this.flushCost(c);
  }

  private onSnapshot(i: number): void {
    this.flushAllCosts();
    if (this.check) this.checkInvariants();
    let entries = 0;
    let exits = 0;
    let exitsFrom = 0;
    let oop = 0;
    let cost = 0;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      this.flowEntries[c]![i] = this.entries[c]!;
      entries += this.entries[c]!;
      this.flowExitsFrom[c]![i] = this.exitsFrom[c]!;
      exitsFrom += this.exitsFrom[c]!;
      this.flowCost[c]![i] = this.cost[c]!;
      cost += this.cost[c]!;
      const o = this.flowOop[c];
      if (o) o[i] = this.outOfPreference[c]!;
      oop += this.outOfPreference[c]!;
    }
    for (let r = 0; r < EXIT_REASONS.length; r++) {
      this.flowExits[r]![i] = this.exits[r]!;
      exits += this.exits[r]!;
    }
    let entriesByAge = 0;
    for (let b = 0; b < AGE_BAND_COUNT; b++) {
      this.flowEntriesByAge[b]![i] = this.entriesByAge[b]!;
      entriesByAge += this.entriesByAge[b]!;
    }
    this.flowEntriesByAgeTotal[i] = entriesByAge;
    this.entriesByAge.fill(0);
    for (let k = 0; k < this.moves.length; k++) {
      const v = this.moves[k]!;
      if (v === 0) continue;
      const series = this.flowMoves[k];
      if (!series) {
        throw new Error(`move ${PLACEMENT_CATEGORIES[Math.floor(k / CATEGORY_COUNT)]}->${PLACEMENT_CATEGORIES[k % CATEGORY_COUNT]} was not foreseen by compileModel`);
      }
      series[i] = v;
    }
    this.flowEntriesTotal[i] = entries;
    this.flowExitsTotal[i] = exits;
    this.flowExitsFromTotal[i] = exitsFrom;
    this.flowOopTotal[i] = oop;
    this.flowCostTotal[i] = cost;
    this.entries.fill(0);
    this.exits.fill(0);
    this.exitsFrom.fill(0);
    this.moves.fill(0);
    this.outOfPreference.fill(0);
    this.cost.fill(0);
    this.takeStock(i);
    if (i === this.nDates - 1) this.sim.stop();
  }

  private takeStock(i: number): void {
    let waiting = 0;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      this.stockInCare[c]![i] = this.members[c]!.size;
      if (this.limited[c] === 1) {
        this.stockCapacity[c]![i] = this.capacity[c]!;
        this.stockOccupied[c]![i] = this.members[c]!.size;
        this.stockWaiting[c]![i] = this.waitCount[c]!;
      }
      waiting += this.waitCount[c]!;
    }
    this.stockInCareTotal[i] = this.inCareTotal;
    let byAge = 0;
    for (let b = 0; b < AGE_BAND_COUNT; b++) {
      this.stockInCareByAge[b]![i] = this.inCareByAge[b]!;
      byAge += this.inCareByAge[b]!;
    }
    this.stockInCareByAgeTotal[i] = byAge;
    this.stockWaitingTotal[i] = waiting;
    this.stockOutOfArea[i] = this.outOfAreaCount;
  }

  /** Throws when the model's state breaks an invariant (tests only). */
  private checkInvariants(): void {
    const now = this.sim.now;
    const fail = (what: string): never => {
      throw new Error(`invariant broken on ${dayToIso(now - 1)}: ${what}`);
    };
    let total = 0;
    const byAge = new Float64Array(AGE_BAND_COUNT);
    const waiting = new Float64Array(CATEGORY_COUNT);
    let ooa = 0;
    for (let s = 0; s < this.used; s++) {
      if (this.alive[s] !== 1) continue;
      total++;
      const c = this.category[s]!;
      if (this.members[c]!.items[this.pos[s]!] !== s) fail(`child ${this.id[s]} is not listed in its category`);
      if (anniversaryDay(this.birth[s]!, 18) < now) fail(`child ${this.id[s]} is in care after turning 18`);
      if (this.band[s] !== this.bandAt(this.birth[s]!, now - 1)) fail(`child ${this.id[s]} has a stale age band`);
      byAge[this.band[s]!]!++;
      if (c === SUPPORTED && anniversaryDay(this.birth[s]!, 16) > now - 1) fail(`child ${this.id[s]} is in supported under 16`);
      if (this.waitFor[s]! >= 0) {
        waiting[this.waitFor[s]!]!++;
        if (this.waitFor[s] === c) fail(`child ${this.id[s]} waits for the category it is in`);
      }
      ooa += this.ooa[s]!;
    }
    let listed = 0;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      listed += this.members[c]!.size;
      if (waiting[c] !== this.waitCount[c]) fail(`waiting count of ${PLACEMENT_CATEGORIES[c]} is ${this.waitCount[c]}, children waiting ${waiting[c]}`);
      if (this.limited[c] === 1 && c !== this.m.lastResort && this.members[c]!.size > this.capacity[c]!) {
        fail(`${PLACEMENT_CATEGORIES[c]} holds ${this.members[c]!.size} children for ${this.capacity[c]} places`);
      }
    }
    if (total !== this.inCareTotal || listed !== total) fail(`in care ${this.inCareTotal}, alive ${total}, listed ${listed}`);
    for (let b = 0; b < AGE_BAND_COUNT; b++) {
      if (byAge[b] !== this.inCareByAge[b]) fail(`in care aged ${AGE_BANDS[b]} is ${this.inCareByAge[b]}, children ${byAge[b]}`);
    }
    if (ooa !== this.outOfAreaCount) fail(`out of area count ${this.outOfAreaCount}, children ${ooa}`);
  }
}

/** A birth day for a child in age band `b` on `day`: age uniform in the band, in whole days. */
function drawBirthDay(rng: RandomStream, b: number, day: number): number {
  const lo = Math.ceil(BAND_START_YEARS[b]! * DAYS_PER_YEAR);
  const hi = b === AGE_BAND_COUNT - 1 ? Math.floor(18 * DAYS_PER_YEAR) - 1 : Math.ceil(BAND_END_YEARS[b]! * DAYS_PER_YEAR) - 1;
  let birth = day - rng.integer(lo, hi);
  while (anniversaryDay(birth, BAND_END_YEARS[b]!) <= day) birth++;
  return birth;
}

/** A 32-bit seed for a child's own stream. */
function seedFrom(rng: RandomStream): number {
  return (rng.random() * 4294967296) | 0;
}

/** Index drawn with probability proportional to `weights` from one uniform `u` on [0, 1). */
function pick(weights: readonly number[], u: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let x = u * total;
  let last = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    last = i;
    if (x < w) return i;
    x -= w;
  }
  return last;
}

function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
