import { CodedSimulator } from '../../kernel/coded-simulator.js';
import { RandomStream } from '../../random/random-stream.js';
import type { StreamKey } from '../../random/streams.js';
import { preparedOf, streamKeysOf, type StreamKeys } from './prepared.js';
import type { CompiledDurationCap, CompiledModel, Epoch, HazardTable } from '../compiled-model.js';
import { AGE_BAND_COUNT } from '../domain/age-bands.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../domain/cells.js';
import { EXIT_REASONS } from '../domain/ids.js';
import { adoptArrays, ChildStore } from './child-store.js';
import { MonthlySeries } from './outputs.js';
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
export const EVENT_KINDS = 1 << EVENT_KIND_BITS;
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

/** A child's scheduled event: a transition, or a change of its hazards (age or duration band). */
export const EVENT_TRANSITION = 0;
export const EVENT_BOUNDARY = 1;
/** `handle` values: no event because the child's own event is firing, or the next one is after the run. */
export const HANDLE_FIRING = -1;
export const HANDLE_AFTER_END = -2;

export type SpellReason = EpisodeRecord['reason'];

/** A growable list of child slots per category with O(1) removal (the child stores its position). */
export class Members {
  items: Int32Array = new Int32Array(16);
  size = 0;
}

/** `list` emptied (its grown array kept), or a new list. */
function emptied(list: Members | undefined): Members {
  if (!list) return new Members();
  list.size = 0;
  return list;
}

export class ReplicationState extends ChildStore {
  readonly m: CompiledModel;
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


  // Categories.
  readonly members: Members[] = [];
  readonly capacity = new Float64Array(CATEGORY_COUNT);
  readonly places = new Float64Array(CATEGORY_COUNT);
  readonly extraBeds = new Float64Array(CATEGORY_COUNT);
  readonly limited: Uint8Array;
  readonly houses: number[][] = [];
  readonly recruitHandle = new Float64Array(CATEGORY_COUNT).fill(-1);
  readonly deregHandle = new Float64Array(CATEGORY_COUNT).fill(-1);
  readonly waitQueue: number[][] = [];
  readonly waitQueueSeq: number[][] = [];
  readonly waitHead = new Int32Array(CATEGORY_COUNT);
  readonly waitCount = new Float64Array(CATEGORY_COUNT);
  waitCounter = 0;
  readonly fillQueue: number[] = [];
  filling = false;
  outOfAreaCount = 0;
  inCareTotal = 0;
  /** Children in care per age band now. */
  readonly inCareByAge = new Float64Array(AGE_BAND_COUNT);

  // Step-across lists per need (types of care with a step-across hazard): children with a later provider.
  readonly stepMembers: Members[] = [];
  readonly stepHandle = new Float64Array(NEED_COUNT).fill(-1);

  // Entry processes.
  readonly entryHandle = new Float64Array(ENTRY_CELL_COUNT).fill(-1);

  // Flows since the last month end.
  readonly entries = new Float64Array(CATEGORY_COUNT);
  readonly entriesByAge = new Float64Array(AGE_BAND_COUNT);
  readonly exits = new Float64Array(EXIT_REASONS.length);
  readonly exitsFrom = new Float64Array(CATEGORY_COUNT);
  readonly moves = new Float64Array(CATEGORY_COUNT * CATEGORY_COUNT);
  readonly outOfPreference = new Float64Array(CATEGORY_COUNT);
  /** UASC children in each category now, and UASC entries since the last month end. */
  readonly inCareUasc = new Float64Array(CATEGORY_COUNT);
  readonly entriesUasc = new Float64Array(CATEGORY_COUNT);
  readonly householdsRecruited = new Float64Array(CATEGORY_COUNT);
  readonly householdsDeregistered = new Float64Array(CATEGORY_COUNT);
  readonly cost = new Float64Array(CATEGORY_COUNT);
  readonly costSince = new Float64Array(CATEGORY_COUNT);
  readonly blockPerDay = new Float64Array(CATEGORY_COUNT);
  /** Block beds whose children are charged no placement cost. */
  readonly blockBeds = new Float64Array(CATEGORY_COUNT);
  /** Lever costs (GBP) per `lever_cost` label since the last month end, integrated up to `leverCostSince`. */
  readonly leverCost: Float64Array;
  leverCostSince = 0;

  /** Per category: household places held by young people staying put (care-leavers.ts); capacity excludes them. */
  readonly placesHeld = new Float64Array(CATEGORY_COUNT);
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
    const prepared = preparedOf(model);
    const spare = prepared.spare;
    prepared.spare = null;
    if (spare) {
      spare.sim.reset(model.startDay);
      this.sim = spare.sim;
      adoptArrays(this, spare.store);
      this.previousLeavers = spare.leavers;
    } else this.sim = new CodedSimulator(model.startDay);
    this.durBounds = prepared.durationBounds;
    this.caps = model.durationCaps;
    this.capCount = this.caps.length;
    this.capsByCategory = prepared.capsByCategory;
    this.limited = prepared.limited;
    this.entrantNeedTotal = prepared.entrantNeedTotal;
    this.routeTotal = prepared.routeTotal;
    const keys = (this.streamKeys = streamKeysOf(model, seed));
    const stream = (key: StreamKey): RandomStream => RandomStream.keyed(key, replication);
    this.rngDisplacement = stream(keys.displacement);
    this.rngRecruitment = stream(keys.recruitment);
    this.rngDeregistration = stream(keys.deregistration);
    this.rngInitial = stream(keys.initialPopulation);
    this.rngStepAcross = stream(keys.stepAcross);
    for (let n = 0; n < NEED_COUNT; n++) this.stepMembers.push(emptied(spare?.stepMembers[n]));
    for (let k = 0; k < ENTRY_CELL_COUNT; k++) {
      const entries = keys.entries[k];
      const attributes = keys.attributes[k];
      this.rngEntries.push(entries ? stream(entries) : null);
      this.rngAttributes.push(attributes ? stream(attributes) : null);
    }
    this.epoch = model.epochs[0]!;
    this.table = model.hazardTables[this.epoch.hazard]!;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      this.members.push(emptied(spare?.members[c]));
      this.houses.push([]);
      this.waitQueue.push([]);
      this.waitQueueSeq.push([]);
    }
    this.leverCost = new Float64Array(model.leverCostLabels.length);
    this.leverCostSince = model.startDay;
    this.out = new MonthlySeries(model, this.limited, prepared.seriesKeys);
  }
}
