import { CodedSimulator } from '../../kernel/coded-simulator.js';
import { RandomStream } from '../../random/random-stream.js';
import type { StreamKey } from '../../random/streams.js';
import { preparedOf, streamKeysOf, type PreparedModel, type StreamKeys } from './prepared.js';
import type { CompiledDurationCap, CompiledModel, Epoch, HazardTable } from '../compiled-model.js';
import { AGE_BAND_COUNT } from '../domain/age-bands.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../domain/cells.js';
import { EXIT_REASONS } from '../domain/ids.js';
import { adoptArrays, ChildStore } from './child-store.js';
import { MonthlySeries, SeriesLayout } from './outputs.js';
import type { ChildRecord, EpisodeRecord, ReplicationOptions } from './replication-output.js';
import { NEED_COUNT } from '../domain/types-of-care.js';
import type { CareLeavers } from './care-leavers.js';

// The state of one replication, shared by the sim/ modules (plain functions over this one object, so
// every hot call site sees one object shape).

/** Event priorities at equal times: month-end stocks first, then rate changes, capacity changes, the rest. */
export const PRIORITY_SNAPSHOT = -3;
export const PRIORITY_EPOCH = -2;
export const PRIORITY_CAPACITY = -1;
export const PRIORITY_CHILD = 0;

/**
 * Events are integer codes, index * EVENT_KINDS + kind (see `fire` in replication.ts): a child's own
 * event (index: its slot), a duration-cap check (slot * caps + cap), an arrival (entry cell),
 * recruitment and de-registration (category), step-across (need), an epoch, a capacity change (its
 * index in the compiled model), a month end (output index), a young person's event (slot), a
 * care-leaver step (index).
 */
export const EVENT_KIND_BITS = 4;
/** 1 << EVENT_KIND_BITS, written as a literal so that `16 satisfies typeof EVENT_KINDS` (child-events.ts) checks it. */
export const EVENT_KINDS = 16;
export const EV_CHILD = 0;
export const EV_CAP = 1;
export const EV_ENTRY = 2;
export const EV_RECRUIT = 3;
export const EV_DEREG = 4;
export const EV_STEP_ACROSS = 5;
export const EV_EPOCH = 6;
export const EV_CAPACITY = 7;
export const EV_SNAPSHOT = 8;
export const EV_LEAVER = 9;
export const EV_LEAVER_STEP = 10;
/**
 * What a child's or young person's event is travels in its code (not in an array of the slot, one
 * cache line fewer per event at England scale): a child's transition is EV_CHILD, a change of its
 * hazards EV_CHILD_BOUNDARY; a young person's move is EV_LEAVER, its birthday EV_LEAVER_BIRTHDAY and
 * its joining at 18 EV_LEAVER_JOIN.
 */
export const EV_CHILD_BOUNDARY = 11;
export const EV_LEAVER_BIRTHDAY = 12;
export const EV_LEAVER_JOIN = 13;

/** `handle` values: no event because the child's own event is firing, or the next one is after the run. */
export const HANDLE_FIRING = -1;
export const HANDLE_AFTER_END = -2;

export type SpellReason = EpisodeRecord['reason'];

/** A growable list of child slots per category with O(1) removal (the child stores its position). */
export class Members {
  items: Int32Array = new Int32Array(16);
  size = 0;
}

/** `from` (the previous replication's array of the same size) filled with `value`, or a new array of `n` of it. */
function f64(from: Float64Array | undefined, n: number, value = 0): Float64Array {
  if (from) return from.fill(value);
  const a = new Float64Array(n);
  return value === 0 ? a : a.fill(value);
}

/** As `f64`, for an Int32Array. */
function i32(from: Int32Array | undefined, n: number, value = 0): Int32Array {
  if (from) return from.fill(value);
  const a = new Int32Array(n);
  return value === 0 ? a : a.fill(value);
}

/** `list` emptied (its grown array kept), or a new list. */
function emptied(list: Members | undefined): Members {
  if (!list) return new Members();
  list.size = 0;
  return list;
}

/** Makes hazard table `index` of the model the one in force (with its prepared bands of change). */
export function useHazardTable(st: ReplicationState, index: number): void {
  st.table = st.m.hazardTables[index]!;
  st.changeBand = st.prepared.hazardChangeBands[index]!;
}

export class ReplicationState extends ChildStore {
  readonly m: CompiledModel;
  /** The model's tables worked out once (prepared.ts). */
  readonly prepared: PreparedModel;
  readonly sim: CodedSimulator;
  /** The run stops at the end of the last day. */
  readonly endTime: number;
  readonly nDur: number;
  readonly durBounds: Float64Array;
  readonly caps: CompiledDurationCap[];
  readonly capCount: number;
  readonly capsByCategory: number[][];
  /** Per entry cell, per age band: weight totals of the entrants' first needs and the initial routes (prepared.ts). */
  readonly entrantNeedTotal: Float64Array;
  readonly routeTotal: Float64Array;
  /** Per epoch: the processes its start re-draws (prepared.ts, `epochRedraws`). */
  readonly redraws: Int32Array[];
  /** Per category: `(1 - p)^v` by vacant places `v` (prepared.ts, `noMatchChance`). */
  readonly noMatch: Float64Array[];
  readonly record: boolean;
  readonly check: boolean;

  /** The keys of this replication's shared streams (by model and seed, hashed once). */
  readonly streamKeys: StreamKeys;
  readonly rngDisplacement: RandomStream;
  readonly rngRecruitment: RandomStream;
  readonly rngDeregistration: RandomStream;
  readonly rngInitial: RandomStream;
  readonly rngStepAcross: RandomStream;
  readonly rngEntries: (RandomStream | null)[] = [];
  readonly rngAttributes: (RandomStream | null)[] = [];

  /** Rates in force now. */
  epoch: Epoch;
  table: HazardTable;
  /** `hazardChangeBands` of `table` (prepared.ts). */
  changeBand: Int8Array;


  // Categories.
  readonly members: Members[] = [];
  declare readonly capacity: Float64Array;
  declare readonly places: Float64Array;
  declare readonly extraBeds: Float64Array;
  readonly limited: Uint8Array;
  readonly houses: number[][] = [];
  declare readonly recruitHandle: Float64Array;
  declare readonly deregHandle: Float64Array;
  readonly waitQueue: number[][] = [];
  readonly waitQueueSeq: number[][] = [];
  declare readonly waitHead: Int32Array;
  declare readonly waitCount: Float64Array;
  waitCounter = 0;
  readonly fillQueue: number[] = [];
  filling = false;
  outOfAreaCount = 0;
  inCareTotal = 0;
  /** Children in care per age band now. */
  declare readonly inCareByAge: Float64Array;

  // Step-across lists per need (types of care with a step-across hazard): children with a later provider.
  readonly stepMembers: Members[] = [];
  declare readonly stepHandle: Float64Array;

  // Entry processes.
  declare readonly entryHandle: Float64Array;

  // Flows since the last month end.
  declare readonly entries: Float64Array;
  declare readonly entriesByAge: Float64Array;
  declare readonly exits: Float64Array;
  declare readonly exitsFrom: Float64Array;
  declare readonly moves: Float64Array;
  declare readonly outOfPreference: Float64Array;
  /** UASC children in each category now, and UASC entries since the last month end. */
  declare readonly inCareUasc: Float64Array;
  declare readonly entriesUasc: Float64Array;
  declare readonly householdsRecruited: Float64Array;
  declare readonly householdsDeregistered: Float64Array;
  declare readonly cost: Float64Array;
  declare readonly costSince: Float64Array;
  declare readonly blockPerDay: Float64Array;
  /** Block beds whose children are charged no placement cost. */
  declare readonly blockBeds: Float64Array;
  /** Lever costs (GBP) per `lever_cost` label since the last month end, integrated up to `leverCostSince`. */
  declare readonly leverCost: Float64Array;
  leverCostSince = 0;

  /** Per category: household places held by young people staying put (care-leavers.ts); capacity excludes them. */
  declare readonly placesHeld: Float64Array;
  /** The care leavers, when the model has them. */
  leavers: CareLeavers | null = null;
  /** The previous replication's care leavers, whose arrays `startCareLeavers` takes over (then null). */
  previousLeavers: CareLeavers | null = null;
  readonly seed: number;
  readonly replication: number;

  // Outputs.
  readonly out: MonthlySeries;
  readonly episodes: EpisodeRecord[] = [];
  readonly childRecords: ChildRecord[] = [];

  constructor(model: CompiledModel, seed: number, replication: number, options: ReplicationOptions) {
    super();
    this.m = model;
    this.seed = seed;
    this.replication = replication;
    this.record = options.recordEpisodes === true;
    this.check = options.checkInvariants === true;
    this.endTime = model.endDay + 1;
    this.nDur = model.durationBandCount;
    const prepared = (this.prepared = preparedOf(model));
    const spare = prepared.spare;
    prepared.spare = null;
    const previous = spare?.state;
    if (spare) {
      spare.sim.reset(model.startDay);
      this.sim = spare.sim;
      adoptArrays(this, spare.state);
      this.previousLeavers = spare.state.leavers;
    } else this.sim = new CodedSimulator(model.startDay);
    // The counters below have the same sizes in every replication of the model: the previous one's
    // arrays are taken over and reset (allocating about 26 small typed arrays cost more than filling them).
    this.capacity = f64(previous?.capacity, CATEGORY_COUNT);
    this.places = f64(previous?.places, CATEGORY_COUNT);
    this.extraBeds = f64(previous?.extraBeds, CATEGORY_COUNT);
    this.recruitHandle = f64(previous?.recruitHandle, CATEGORY_COUNT, -1);
    this.deregHandle = f64(previous?.deregHandle, CATEGORY_COUNT, -1);
    this.waitHead = i32(previous?.waitHead, CATEGORY_COUNT);
    this.waitCount = f64(previous?.waitCount, CATEGORY_COUNT);
    this.inCareByAge = f64(previous?.inCareByAge, AGE_BAND_COUNT);
    this.stepHandle = f64(previous?.stepHandle, NEED_COUNT, -1);
    this.entryHandle = f64(previous?.entryHandle, ENTRY_CELL_COUNT, -1);
    this.entries = f64(previous?.entries, CATEGORY_COUNT);
    this.entriesByAge = f64(previous?.entriesByAge, AGE_BAND_COUNT);
    this.exits = f64(previous?.exits, EXIT_REASONS.length);
    this.exitsFrom = f64(previous?.exitsFrom, CATEGORY_COUNT);
    this.moves = f64(previous?.moves, CATEGORY_COUNT * CATEGORY_COUNT);
    this.outOfPreference = f64(previous?.outOfPreference, CATEGORY_COUNT);
    this.inCareUasc = f64(previous?.inCareUasc, CATEGORY_COUNT);
    this.entriesUasc = f64(previous?.entriesUasc, CATEGORY_COUNT);
    this.householdsRecruited = f64(previous?.householdsRecruited, CATEGORY_COUNT);
    this.householdsDeregistered = f64(previous?.householdsDeregistered, CATEGORY_COUNT);
    this.cost = f64(previous?.cost, CATEGORY_COUNT);
    this.costSince = f64(previous?.costSince, CATEGORY_COUNT);
    this.blockPerDay = f64(previous?.blockPerDay, CATEGORY_COUNT);
    this.blockBeds = f64(previous?.blockBeds, CATEGORY_COUNT);
    this.placesHeld = f64(previous?.placesHeld, CATEGORY_COUNT);
    this.durBounds = prepared.durationBounds;
    this.caps = model.durationCaps;
    this.capCount = this.caps.length;
    this.capsByCategory = prepared.capsByCategory;
    this.limited = prepared.limited;
    this.entrantNeedTotal = prepared.entrantNeedTotal;
    this.routeTotal = prepared.routeTotal;
    this.noMatch = prepared.noMatch;
    this.redraws = prepared.epochRedraws;
    const keys = (this.streamKeys = streamKeysOf(model, seed));
    const stream = (key: StreamKey): RandomStream => RandomStream.keyed(key, replication);
    this.rngDisplacement = stream(keys.displacement);
    this.rngRecruitment = stream(keys.recruitment);
    this.rngDeregistration = stream(keys.deregistration);
    this.rngInitial = stream(keys.initialPopulation);
    this.rngStepAcross = stream(keys.stepAcross);
    for (let n = 0; n < NEED_COUNT; n++) this.stepMembers.push(emptied(previous?.stepMembers[n]));
    for (let k = 0; k < ENTRY_CELL_COUNT; k++) {
      const entries = keys.entries[k];
      const attributes = keys.attributes[k];
      this.rngEntries.push(entries ? stream(entries) : null);
      this.rngAttributes.push(attributes ? stream(attributes) : null);
    }
    this.epoch = model.epochs[0]!;
    this.table = model.hazardTables[this.epoch.hazard]!;
    this.changeBand = prepared.hazardChangeBands[this.epoch.hazard]!;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      this.members.push(emptied(previous?.members[c]));
      this.houses.push([]);
      this.waitQueue.push([]);
      this.waitQueueSeq.push([]);
    }
    this.leverCost = f64(previous?.leverCost, model.leverCostLabels.length);
    this.leverCostSince = model.startDay;
    this.out = new MonthlySeries((prepared.seriesLayout ??= new SeriesLayout(model, this.limited)));
  }
}
