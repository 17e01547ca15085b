import type { Metric } from '../../results/types.js';
import type { CompiledModel } from '../compiled-model.js';
import { AGE_BAND_COUNT } from '../domain/age-bands.js';
import { CATEGORY_COUNT } from '../domain/cells.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { moveCategory, SERIES_CATEGORIES, seriesKey, TOTAL } from '../domain/series-keys.js';
import { careLeaverFlows, careLeaverStock } from './care-leavers.js';
import { flushAllCosts } from './costs.js';
import { checkInvariants } from './invariants.js';
import type { ReplicationState } from './state.js';

// Outputs: the monthly series (stocks at month ends, flows over each month) under their series keys.

/** Month end `i`: flows of the month written and reset, then stocks taken. */
export function onSnapshot(st: ReplicationState, i: number): void {
  flushAllCosts(st);
  if (st.check) checkInvariants(st);
  let entries = 0;
  let entriesUasc = 0;
  let exits = 0;
  let exitsFrom = 0;
  let oop = 0;
  let cost = 0;
  // Each counter is reset where it is read (a fill per array cost more than the month's writes).
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    st.out.flowEntries[c]![i] = st.entries[c]!;
    entries += st.entries[c]!;
    st.entries[c] = 0;
    st.out.flowEntriesUasc[c]![i] = st.entriesUasc[c]!;
    entriesUasc += st.entriesUasc[c]!;
    st.entriesUasc[c] = 0;
    st.out.flowExitsFrom[c]![i] = st.exitsFrom[c]!;
    exitsFrom += st.exitsFrom[c]!;
    st.exitsFrom[c] = 0;
    st.out.flowCost[c]![i] = st.cost[c]!;
    cost += st.cost[c]!;
    st.cost[c] = 0;
    const o = st.out.flowOop[c];
    if (o) o[i] = st.outOfPreference[c]!;
    oop += st.outOfPreference[c]!;
    st.outOfPreference[c] = 0;
    const hr = st.out.flowRecruited[c];
    if (hr) {
      hr[i] = st.householdsRecruited[c]!;
      st.out.flowDeregistered[c]![i] = st.householdsDeregistered[c]!;
      st.out.flowRecruitedTotal![i] = st.out.flowRecruitedTotal![i]! + st.householdsRecruited[c]!;
      st.out.flowDeregisteredTotal![i] = st.out.flowDeregisteredTotal![i]! + st.householdsDeregistered[c]!;
    }
    st.householdsRecruited[c] = 0;
    st.householdsDeregistered[c] = 0;
  }
  for (let r = 0; r < EXIT_REASONS.length; r++) {
    st.out.flowExits[r]![i] = st.exits[r]!;
    exits += st.exits[r]!;
    st.exits[r] = 0;
  }
  let entriesByAge = 0;
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    st.out.flowEntriesByAge[b]![i] = st.entriesByAge[b]!;
    entriesByAge += st.entriesByAge[b]!;
    st.entriesByAge[b] = 0;
  }
  st.out.flowEntriesByAgeTotal[i] = entriesByAge;
  for (let k = 0; k < st.moves.length; k++) {
    const v = st.moves[k]!;
    if (v === 0) continue;
    const series = st.out.flowMoves[k];
    if (!series) {
      throw new Error(`move ${PLACEMENT_CATEGORIES[Math.floor(k / CATEGORY_COUNT)]}->${PLACEMENT_CATEGORIES[k % CATEGORY_COUNT]} was not foreseen by compileModel`);
    }
    series[i] = v;
    st.moves[k] = 0;
  }
  st.out.flowEntriesTotal[i] = entries;
  st.out.flowEntriesUascTotal[i] = entriesUasc;
  st.out.flowExitsTotal[i] = exits;
  st.out.flowExitsFromTotal[i] = exitsFrom;
  st.out.flowOopTotal[i] = oop;
  st.out.flowCostTotal[i] = cost;
  if (st.out.flowLeverCostTotal) {
    let leverCost = 0;
    for (let l = 0; l < st.leverCost.length; l++) {
      st.out.flowLeverCost[l]![i] = st.leverCost[l]!;
      leverCost += st.leverCost[l]!;
      st.leverCost[l] = 0;
    }
    st.out.flowLeverCostTotal[i] = leverCost;
  }
  careLeaverFlows(st, i);
  takeStock(st, i);
  if (i === st.out.nDates - 1) st.sim.stop();
}

/** Writes the stocks (in care, by age, capacity, occupied, gap, waiting, out of area) at output index `i`. */
export function takeStock(st: ReplicationState, i: number): void {
  let waiting = 0;
  let vacancies = 0;
  let households = 0;
  let uasc = 0;
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    st.out.stockInCare[c]![i] = st.members[c]!.size;
    st.out.stockInCareUasc[c]![i] = st.inCareUasc[c]!;
    uasc += st.inCareUasc[c]!;
    if (st.limited[c] === 1) {
      st.out.stockCapacity[c]![i] = st.capacity[c]!;
      st.out.stockOccupied[c]![i] = st.members[c]!.size;
      const v = Math.max(0, st.capacity[c]! - st.members[c]!.size);
      st.out.stockVacancies[c]![i] = v;
      vacancies += v;
      st.out.stockWaiting[c]![i] = st.waitCount[c]!;
      // Places minus demand (occupied + waiting) in this replication; below zero the type is short.
      st.out.stockGap[c]![i] = st.capacity[c]! - st.members[c]!.size - st.waitCount[c]!;
    }
    const h = st.out.stockHouseholds[c];
    if (h) {
      h[i] = st.houses[c]!.length;
      households += st.houses[c]!.length;
    }
    waiting += st.waitCount[c]!;
  }
  if (st.out.stockHouseholdsTotal) st.out.stockHouseholdsTotal[i] = households;
  st.out.stockVacanciesTotal[i] = vacancies;
  st.out.stockInCareUascTotal[i] = uasc;
  st.out.stockInCareTotal[i] = st.inCareTotal;
  let byAge = 0;
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    st.out.stockInCareByAge[b]![i] = st.inCareByAge[b]!;
    byAge += st.inCareByAge[b]!;
  }
  st.out.stockInCareByAgeTotal[i] = byAge;
  st.out.stockWaitingTotal[i] = waiting;
  st.out.stockOutOfArea[i] = st.outOfAreaCount;
  careLeaverStock(st, i);
}

const SERIES_PER_BLOCK = 16;

/** The series of one replication by key, with direct references for the counters written each month. */
export class MonthlySeries {
  readonly nDates: number;
  readonly series: Record<string, Float64Array> = {};
  // Series are views into shared buffers: one per replication once the number of series is known (an
  // earlier replication of the model asked for them), else blocks of SERIES_PER_BLOCK; a view is made
  // by the Float64Array constructor on the buffer, about twice as fast as `subarray` (per-replication
  // set-up is a visible share of the profile).
  private block: ArrayBuffer;
  private used: number;
  /** Every key asked for, in order (`add` is called in the same order in every replication of a model). */
  private readonly keys: string[];
  private readonly reuseKeys: boolean;
  private keyIndex = 0;
  readonly stockInCare: Float64Array[] = [];
  readonly stockInCareTotal: Float64Array;
  readonly stockInCareByAge: Float64Array[] = [];
  readonly stockInCareUasc: Float64Array[] = [];
  readonly stockInCareUascTotal: Float64Array;
  readonly flowEntriesUasc: Float64Array[] = [];
  readonly flowEntriesUascTotal: Float64Array;
  readonly stockInCareByAgeTotal: Float64Array;
  readonly flowEntriesByAge: Float64Array[] = [];
  readonly flowEntriesByAgeTotal: Float64Array;
  readonly flowEntries: Float64Array[] = [];
  readonly flowEntriesTotal: Float64Array;
  readonly flowExits: Float64Array[] = [];
  readonly flowExitsTotal: Float64Array;
  readonly flowExitsFrom: Float64Array[] = [];
  readonly flowExitsFromTotal: Float64Array;
  readonly flowMoves: (Float64Array | null)[] = [];
  readonly stockCapacity: (Float64Array | null)[] = [];
  readonly stockOccupied: (Float64Array | null)[] = [];
  readonly stockVacancies: (Float64Array | null)[] = [];
  readonly stockVacanciesTotal: Float64Array;
  /** Capacity-limited categories: places minus occupied minus waiting (`capacity_gap`). */
  readonly stockGap: (Float64Array | null)[] = [];
  /** Household categories only (and their totals, when there is one). */
  readonly stockHouseholds: (Float64Array | null)[] = [];
  readonly stockHouseholdsTotal: Float64Array | null = null;
  readonly flowRecruited: (Float64Array | null)[] = [];
  readonly flowRecruitedTotal: Float64Array | null = null;
  readonly flowDeregistered: (Float64Array | null)[] = [];
  readonly flowDeregisteredTotal: Float64Array | null = null;
  readonly flowOop: (Float64Array | null)[] = [];
  readonly flowOopTotal: Float64Array;
  readonly stockWaiting: (Float64Array | null)[] = [];
  readonly stockWaitingTotal: Float64Array;
  readonly stockOutOfArea: Float64Array;
  readonly flowCost: Float64Array[] = [];
  readonly flowCostTotal: Float64Array;
  /** Per lever-cost label, and their total; only when the scenario has lever costs. */
  readonly flowLeverCost: Float64Array[] = [];
  readonly flowLeverCostTotal: Float64Array | null = null;

  /** Keys in a fixed order: every category of each metric, capacity-limited ones only where they apply, moves the compiled model foresees. */
  /**
   * `keys`: the series keys of an earlier replication of the same model, in the order this constructor
   * asks for them (it asks in the same order every time), so that the keys are built once per model;
   * empty on the first replication, which fills it.
   */
  constructor(model: CompiledModel, capacityLimited: Uint8Array, keys: string[]) {
    this.nDates = model.dates.length;
    this.keys = keys;
    this.reuseKeys = keys.length > 0;
    this.block = new ArrayBuffer(this.reuseKeys ? keys.length * this.nDates * 8 : 0);
    this.used = this.reuseKeys ? 0 : SERIES_PER_BLOCK;
    const key = (metric: Metric, cat: string): Float64Array => this.add(metric, cat);
    const all = (metric: Exclude<Metric, 'moves'>, into: Float64Array[]): Float64Array => {
      for (const c of SERIES_CATEGORIES[metric]) into.push(key(metric, c));
      return key(metric, TOTAL);
    };
    const limitedTo = (which: Uint8Array, metric: Exclude<Metric, 'moves'>, into: (Float64Array | null)[]): void => {
      SERIES_CATEGORIES[metric].forEach((c, i) => into.push(which[i] ? key(metric, c) : null));
    };
    const limited = (metric: Exclude<Metric, 'moves'>, into: (Float64Array | null)[]): void => limitedTo(capacityLimited, metric, into);
    this.stockInCareTotal = all('in_care', this.stockInCare);
    this.stockInCareByAgeTotal = all('in_care_by_age', this.stockInCareByAge);
    this.stockInCareUascTotal = all('in_care_uasc', this.stockInCareUasc);
    this.flowEntriesTotal = all('entries', this.flowEntries);
    this.flowEntriesByAgeTotal = all('entries_by_age', this.flowEntriesByAge);
    this.flowEntriesUascTotal = all('entries_uasc', this.flowEntriesUasc);
    this.flowExitsTotal = all('exits', this.flowExits);
    this.flowExitsFromTotal = all('exits_from', this.flowExitsFrom);
    for (let i = 0; i < CATEGORY_COUNT * CATEGORY_COUNT; i++) this.flowMoves.push(null);
    for (const [a, b] of model.moveKeys) this.flowMoves[a * CATEGORY_COUNT + b] = key('moves', moveCategory(a, b));
    PLACEMENT_CATEGORIES.forEach((c, i) => {
      this.stockCapacity.push(capacityLimited[i] ? key('capacity', c) : null);
      this.stockOccupied.push(capacityLimited[i] ? key('occupied', c) : null);
    });
    limited('vacancies', this.stockVacancies);
    this.stockVacanciesTotal = key('vacancies', TOTAL);
    limited('capacity_gap', this.stockGap);
    const households = model.capacityKind.map((k) => (k === 2 ? 1 : 0));
    if (households.some((k) => k === 1)) {
      const hh = Uint8Array.from(households);
      limitedTo(hh, 'households', this.stockHouseholds);
      this.stockHouseholdsTotal = key('households', TOTAL);
      limitedTo(hh, 'households_recruited', this.flowRecruited);
      this.flowRecruitedTotal = key('households_recruited', TOTAL);
      limitedTo(hh, 'households_deregistered', this.flowDeregistered);
      this.flowDeregisteredTotal = key('households_deregistered', TOTAL);
    }
    limited('placed_out_of_preference', this.flowOop);
    this.flowOopTotal = key('placed_out_of_preference', TOTAL);
    limited('waiting', this.stockWaiting);
    this.stockWaitingTotal = key('waiting', TOTAL);
    this.stockOutOfArea = key('out_of_area', TOTAL);
    this.flowCostTotal = all('cost', this.flowCost);
    if (model.leverCostLabels.length > 0) {
      for (const label of model.leverCostLabels) this.flowLeverCost.push(key('lever_cost', label));
      this.flowLeverCostTotal = key('lever_cost', TOTAL);
    }
  }

  /**
   * A new series (zeros) under `metric|category`. `keys`, given to the constructor, holds the keys of
   * an earlier replication of the same model in the order they were asked for (the same in every
   * replication), so each key is built once per model; the first replication fills it.
   */
  add(metric: Metric, category: string): Float64Array {
    const n = this.nDates;
    let name: string;
    if (this.reuseKeys) name = this.keys[this.keyIndex++]!;
    else {
      this.keys.push((name = seriesKey(metric, category)));
      if (this.used === SERIES_PER_BLOCK) {
        this.block = new ArrayBuffer(n * SERIES_PER_BLOCK * 8);
        this.used = 0;
      }
    }
    const view = new Float64Array(this.block, this.used * n * 8, n);
    this.used++;
    return (this.series[name] = view);
  }
}
