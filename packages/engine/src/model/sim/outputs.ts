import type { Metric } from '../../results/types.js';
import type { CompiledModel } from '../compiled-model.js';
import { AGE_BAND_COUNT } from '../domain/age-bands.js';
import { CATEGORY_COUNT } from '../domain/cells.js';
import { EXIT_REASONS, PLACEMENT_CATEGORIES } from '../domain/ids.js';
import { moveCategory, SERIES_CATEGORIES, seriesKey, TOTAL } from '../domain/series-keys.js';
import { careLeaverFlows, careLeaverStock, CareLeaverLayout } from './care-leavers.js';
import { flushAllCosts } from './costs.js';
import { checkInvariants } from './invariants.js';
import type { ReplicationState } from './state.js';

// Outputs: the monthly series (stocks at month ends, flows over each month) under their series keys.

/** Month end `i`: flows of the month written and reset, then stocks taken. */
export function onSnapshot(st: ReplicationState, i: number): void {
  flushAllCosts(st);
  if (st.check) checkInvariants(st);
  const v = st.out.values;
  const L = st.out.layout;
  let entries = 0;
  let entriesUasc = 0;
  let exits = 0;
  let exitsFrom = 0;
  let oop = 0;
  let cost = 0;
  let recruited = 0;
  let deregistered = 0;
  // Each counter is reset where it is read (a fill per array cost more than the month's writes).
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    v[L.flowEntries[c]! + i] = st.entries[c]!;
    entries += st.entries[c]!;
    st.entries[c] = 0;
    v[L.flowEntriesUasc[c]! + i] = st.entriesUasc[c]!;
    entriesUasc += st.entriesUasc[c]!;
    st.entriesUasc[c] = 0;
    v[L.flowExitsFrom[c]! + i] = st.exitsFrom[c]!;
    exitsFrom += st.exitsFrom[c]!;
    st.exitsFrom[c] = 0;
    v[L.flowCost[c]! + i] = st.cost[c]!;
    cost += st.cost[c]!;
    st.cost[c] = 0;
    const o = L.flowOop[c]!;
    if (o >= 0) v[o + i] = st.outOfPreference[c]!;
    oop += st.outOfPreference[c]!;
    st.outOfPreference[c] = 0;
    const hr = L.flowRecruited[c]!;
    if (hr >= 0) {
      v[hr + i] = st.householdsRecruited[c]!;
      v[L.flowDeregistered[c]! + i] = st.householdsDeregistered[c]!;
      recruited += st.householdsRecruited[c]!;
      deregistered += st.householdsDeregistered[c]!;
    }
    st.householdsRecruited[c] = 0;
    st.householdsDeregistered[c] = 0;
  }
  if (L.flowRecruitedTotal >= 0) {
    v[L.flowRecruitedTotal + i] = recruited;
    v[L.flowDeregisteredTotal + i] = deregistered;
  }
  for (let r = 0; r < EXIT_REASONS.length; r++) {
    v[L.flowExits[r]! + i] = st.exits[r]!;
    exits += st.exits[r]!;
    st.exits[r] = 0;
  }
  let entriesByAge = 0;
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    v[L.flowEntriesByAge[b]! + i] = st.entriesByAge[b]!;
    entriesByAge += st.entriesByAge[b]!;
    st.entriesByAge[b] = 0;
  }
  v[L.flowEntriesByAgeTotal + i] = entriesByAge;
  for (let k = 0; k < st.moves.length; k++) {
    const moved = st.moves[k]!;
    if (moved === 0) continue;
    const at = L.flowMoves[k]!;
    if (at < 0) {
      throw new Error(`move ${PLACEMENT_CATEGORIES[Math.floor(k / CATEGORY_COUNT)]}->${PLACEMENT_CATEGORIES[k % CATEGORY_COUNT]} was not foreseen by compileModel`);
    }
    v[at + i] = moved;
    st.moves[k] = 0;
  }
  v[L.flowEntriesTotal + i] = entries;
  v[L.flowEntriesUascTotal + i] = entriesUasc;
  v[L.flowExitsTotal + i] = exits;
  v[L.flowExitsFromTotal + i] = exitsFrom;
  v[L.flowOopTotal + i] = oop;
  v[L.flowCostTotal + i] = cost;
  if (L.flowLeverCostTotal >= 0) {
    let leverCost = 0;
    for (let l = 0; l < st.leverCost.length; l++) {
      v[L.flowLeverCost[l]! + i] = st.leverCost[l]!;
      leverCost += st.leverCost[l]!;
      st.leverCost[l] = 0;
    }
    v[L.flowLeverCostTotal + i] = leverCost;
  }
  careLeaverFlows(st, i);
  takeStock(st, i);
  if (i === st.out.nDates - 1) st.sim.stop();
}

/** Writes the stocks (in care, by age, capacity, occupied, gap, waiting, out of area) at output index `i`. */
export function takeStock(st: ReplicationState, i: number): void {
  const v = st.out.values;
  const L = st.out.layout;
  let waiting = 0;
  let vacancies = 0;
  let households = 0;
  let uasc = 0;
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    const size = st.members[c]!.size;
    v[L.stockInCare[c]! + i] = size;
    v[L.stockInCareUasc[c]! + i] = st.inCareUasc[c]!;
    uasc += st.inCareUasc[c]!;
    if (st.limited[c] === 1) {
      const capacity = st.capacity[c]!;
      v[L.stockCapacity[c]! + i] = capacity;
      v[L.stockOccupied[c]! + i] = size;
      const vacant = Math.max(0, capacity - size);
      v[L.stockVacancies[c]! + i] = vacant;
      vacancies += vacant;
      v[L.stockWaiting[c]! + i] = st.waitCount[c]!;
      // Places minus demand (occupied + waiting) in this replication; below zero the type is short.
      v[L.stockGap[c]! + i] = capacity - size - st.waitCount[c]!;
    }
    const h = L.stockHouseholds[c]!;
    if (h >= 0) {
      v[h + i] = st.houses[c]!.length;
      households += st.houses[c]!.length;
    }
    waiting += st.waitCount[c]!;
  }
  if (L.stockHouseholdsTotal >= 0) v[L.stockHouseholdsTotal + i] = households;
  v[L.stockVacanciesTotal + i] = vacancies;
  v[L.stockInCareUascTotal + i] = uasc;
  v[L.stockInCareTotal + i] = st.inCareTotal;
  let byAge = 0;
  for (let b = 0; b < AGE_BAND_COUNT; b++) {
    v[L.stockInCareByAge[b]! + i] = st.inCareByAge[b]!;
    byAge += st.inCareByAge[b]!;
  }
  v[L.stockInCareByAgeTotal + i] = byAge;
  v[L.stockWaitingTotal + i] = waiting;
  v[L.stockOutOfArea + i] = st.outOfAreaCount;
  careLeaverStock(st, i);
}

/** A series of the layout: where it starts in a replication's `values` (its index times the month count), -1 when the model has none. */
type At = number;

/**
 * Where each monthly series of a model's replications lies, worked out once per model: the keys in
 * the order of the output (every category of each metric, capacity-limited ones only where they apply,
 * the moves the compiled model foresees, then the care leavers'), and per series its start in the one
 * buffer of a replication's values. The month ends write through these offsets into that buffer, so
 * they read small per-model tables instead of one typed-array view per series (views the run does not
 * touch otherwise, cold by the next month end).
 */
export class SeriesLayout {
  readonly nDates: number;
  /** Series keys in order; series k starts at k * nDates. */
  readonly keys: string[] = [];
  readonly stockInCare: Int32Array;
  readonly stockInCareTotal: At;
  readonly stockInCareByAge: Int32Array;
  readonly stockInCareByAgeTotal: At;
  readonly stockInCareUasc: Int32Array;
  readonly stockInCareUascTotal: At;
  readonly flowEntries: Int32Array;
  readonly flowEntriesTotal: At;
  readonly flowEntriesByAge: Int32Array;
  readonly flowEntriesByAgeTotal: At;
  readonly flowEntriesUasc: Int32Array;
  readonly flowEntriesUascTotal: At;
  readonly flowExits: Int32Array;
  readonly flowExitsTotal: At;
  readonly flowExitsFrom: Int32Array;
  readonly flowExitsFromTotal: At;
  /** By from * CATEGORY_COUNT + to. */
  readonly flowMoves: Int32Array;
  readonly stockCapacity: Int32Array;
  readonly stockOccupied: Int32Array;
  readonly stockVacancies: Int32Array;
  readonly stockVacanciesTotal: At;
  /** Capacity-limited categories: places minus occupied minus waiting (`capacity_gap`). */
  readonly stockGap: Int32Array;
  /** Household categories only (and their totals, when there is one). */
  readonly stockHouseholds: Int32Array;
  readonly stockHouseholdsTotal: At = -1;
  readonly flowRecruited: Int32Array;
  readonly flowRecruitedTotal: At = -1;
  readonly flowDeregistered: Int32Array;
  readonly flowDeregisteredTotal: At = -1;
  readonly flowOop: Int32Array;
  readonly flowOopTotal: At;
  readonly stockWaiting: Int32Array;
  readonly stockWaitingTotal: At;
  readonly stockOutOfArea: At;
  readonly flowCost: Int32Array;
  readonly flowCostTotal: At;
  /** Per lever-cost label, and their total; only when the scenario has lever costs. */
  readonly flowLeverCost: Int32Array;
  readonly flowLeverCostTotal: At = -1;
  /** The care leavers' series, when the model has care leavers. */
  readonly careLeavers: CareLeaverLayout | null = null;

  constructor(model: CompiledModel, capacityLimited: Uint8Array) {
    this.nDates = model.dates.length;
    const key = (metric: Metric, cat: string): At => {
      this.keys.push(seriesKey(metric, cat));
      return (this.keys.length - 1) * this.nDates;
    };
    const none = (n: number): Int32Array => new Int32Array(n).fill(-1);
    const all = (metric: Exclude<Metric, 'moves'>): [Int32Array, At] => {
      const at = Int32Array.from(SERIES_CATEGORIES[metric], (c) => key(metric, c));
      return [at, key(metric, TOTAL)];
    };
    const limitedTo = (which: Uint8Array, metric: Exclude<Metric, 'moves'>): Int32Array =>
      Int32Array.from(SERIES_CATEGORIES[metric], (c, i) => (which[i] ? key(metric, c) : -1));
    const limited = (metric: Exclude<Metric, 'moves'>): Int32Array => limitedTo(capacityLimited, metric);
    [this.stockInCare, this.stockInCareTotal] = all('in_care');
    [this.stockInCareByAge, this.stockInCareByAgeTotal] = all('in_care_by_age');
    [this.stockInCareUasc, this.stockInCareUascTotal] = all('in_care_uasc');
    [this.flowEntries, this.flowEntriesTotal] = all('entries');
    [this.flowEntriesByAge, this.flowEntriesByAgeTotal] = all('entries_by_age');
    [this.flowEntriesUasc, this.flowEntriesUascTotal] = all('entries_uasc');
    [this.flowExits, this.flowExitsTotal] = all('exits');
    [this.flowExitsFrom, this.flowExitsFromTotal] = all('exits_from');
    this.flowMoves = none(CATEGORY_COUNT * CATEGORY_COUNT);
    for (const [a, b] of model.moveKeys) this.flowMoves[a * CATEGORY_COUNT + b] = key('moves', moveCategory(a, b));
    this.stockCapacity = none(CATEGORY_COUNT);
    this.stockOccupied = none(CATEGORY_COUNT);
    PLACEMENT_CATEGORIES.forEach((c, i) => {
      if (!capacityLimited[i]) return;
      this.stockCapacity[i] = key('capacity', c);
      this.stockOccupied[i] = key('occupied', c);
    });
    this.stockVacancies = limited('vacancies');
    this.stockVacanciesTotal = key('vacancies', TOTAL);
    this.stockGap = limited('capacity_gap');
    const households = Uint8Array.from(model.capacityKind, (k) => (k === 2 ? 1 : 0));
    this.stockHouseholds = none(CATEGORY_COUNT);
    this.flowRecruited = none(CATEGORY_COUNT);
    this.flowDeregistered = none(CATEGORY_COUNT);
    if (households.some((k) => k === 1)) {
      this.stockHouseholds = limitedTo(households, 'households');
      this.stockHouseholdsTotal = key('households', TOTAL);
      this.flowRecruited = limitedTo(households, 'households_recruited');
      this.flowRecruitedTotal = key('households_recruited', TOTAL);
      this.flowDeregistered = limitedTo(households, 'households_deregistered');
      this.flowDeregisteredTotal = key('households_deregistered', TOTAL);
    }
    this.flowOop = limited('placed_out_of_preference');
    this.flowOopTotal = key('placed_out_of_preference', TOTAL);
    this.stockWaiting = limited('waiting');
    this.stockWaitingTotal = key('waiting', TOTAL);
    this.stockOutOfArea = key('out_of_area', TOTAL);
    [this.flowCost, this.flowCostTotal] = all('cost');
    this.flowLeverCost = Int32Array.from(model.leverCostLabels, (label) => key('lever_cost', label));
    if (model.leverCostLabels.length > 0) this.flowLeverCostTotal = key('lever_cost', TOTAL);
    if (model.careLeavers) this.careLeavers = new CareLeaverLayout(key);
  }
}

/**
 * The series of one replication by key: views of one buffer, `values`, laid out by the model's
 * `SeriesLayout` (series k at k * nDates), which the month ends write into.
 */
export class MonthlySeries {
  readonly nDates: number;
  readonly values: Float64Array;
  readonly series: Record<string, Float64Array> = {};

  constructor(readonly layout: SeriesLayout) {
    const n = (this.nDates = layout.nDates);
    const keys = layout.keys;
    this.values = new Float64Array(keys.length * n);
    const buffer = this.values.buffer;
    // A view made by the Float64Array constructor on the buffer is about twice as fast as `subarray`.
    for (let k = 0; k < keys.length; k++) this.series[keys[k]!] = new Float64Array(buffer, k * n * 8, n);
  }
}
