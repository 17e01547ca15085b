import type { CodedSimulator } from '../../kernel/coded-simulator.js';
import { streamKey, type StreamKey } from '../../random/streams.js';
import type { SeriesLayout } from './outputs.js';
import type { ReplicationState } from './state.js';
import type { CompiledModel, HazardTable } from '../compiled-model.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT, entryCellAgeBand, entryCellRoute, entryCellUasc } from '../domain/cells.js';
import { PLACEMENT_CATEGORIES } from '../domain/ids.js';

// What every replication of a compiled model derives from the model (and seed) alike, worked out once
// per model and kept beside it (a WeakMap: the compiled model itself stays plain, structured-clone-safe
// data), so the replication loop does no string building, hashing or table building.

/** The keys of a replication's shared random streams for one seed (see the model README's stream names). */
export interface StreamKeys {
  displacement: StreamKey;
  recruitment: StreamKey;
  deregistration: StreamKey;
  initialPopulation: StreamKey;
  stepAcross: StreamKey;
  careLeaversInitial: StreamKey;
  /** Per entry cell: arrival times and entrants' attributes; null for a cell that never has arrivals. */
  entries: (StreamKey | null)[];
  attributes: (StreamKey | null)[];
}

/** Tables every replication of the model reads. */
export interface PreparedModel {
  durationBounds: Float64Array;
  /** Per category: the duration caps (indices into model.durationCaps) acting on it. */
  capsByCategory: number[][];
  /** 1 for a capacity-limited category. */
  limited: Uint8Array;
  /** Where each monthly series lies in a replication's values (built by the first replication, state.ts). */
  seriesLayout: SeriesLayout | null;
  /**
   * Per entry cell: the total of its first-need weights (`model.firstNeed[uasc][band]`), summed in the
   * order `RandomStream.categorical` sums them, so an entrant's draw does not add them up again.
   */
  entrantNeedTotal: Float64Array;
  /**
   * Per entry cell: its first needs whose weight is not <= 0 (the only ones `RandomStream.categorical`
   * looks at), cell `k`'s at [entrantNeedFrom[k], entrantNeedFrom[k + 1]) of `entrantNeedCode` (the need)
   * and `entrantNeedWeight` (its weight), in order (`drawFirstNeed`, entries.ts).
   */
  entrantNeedFrom: Int32Array;
  entrantNeedCode: Int32Array;
  entrantNeedWeight: Float64Array;
  /** Per entry cell: its UASC flag, age band and entry route (`entryCellUasc` and the others, domain/cells.ts). */
  entryUasc: Uint8Array;
  entryBand: Uint8Array;
  entryRoute: Uint8Array;
  /** Per age band: the total of the initial population's route weights (`model.routeWeights[band]`), likewise. */
  routeTotal: Float64Array;
  /** Per hazard table (as `model.hazardTables`): `hazardChangeBands` of it. */
  hazardChangeBands: Int8Array[];
  /**
   * Per category: `(1 - p)^v` at index `v` (vacant places) for its match probability `p`, as `Math.pow`
   * gives it, grown as larger vacancies are seen (`noMatchChance`, placement.ts).
   */
  noMatch: Float64Array[];
  /** Per epoch (as `model.epochs`): the processes whose rates differ from the epoch before's (`epochRedraws`). */
  epochRedraws: Int32Array[];
  /** Stream keys by seed. */
  streamKeys: Map<number, StreamKeys>;
  /**
   * What the last finished replication of the model in this thread leaves to the next: its simulator
   * (reset) and its state, whose children's grown arrays, member lists (categories, step-across),
   * counters and care leavers' arrays the next one takes over, so a replication allocates none of
   * them; null while one runs.
   */
  spare: { sim: CodedSimulator; state: ReplicationState } | null;
}

const prepared = new WeakMap<CompiledModel, PreparedModel>();

/** The model's prepared tables, built on its first replication. */
export function preparedOf(model: CompiledModel): PreparedModel {
  let p = prepared.get(model);
  if (!p) {
    const needs = positiveWeights(Array.from({ length: ENTRY_CELL_COUNT }, (_, k) => model.firstNeed[entryCellUasc(k)]![entryCellAgeBand(k)]!));
    p = {
      durationBounds: Float64Array.from(model.durationBoundsDays),
      capsByCategory: PLACEMENT_CATEGORIES.map((_, c) => model.durationCaps.flatMap((cap, j) => (cap.category === c ? [j] : []))),
      limited: Uint8Array.from(model.capacityKind, (k) => (k === 0 ? 0 : 1)),
      entrantNeedTotal: Float64Array.from({ length: ENTRY_CELL_COUNT }, (_, k) => weightTotal(model.firstNeed[entryCellUasc(k)]![entryCellAgeBand(k)]!)),
      entrantNeedFrom: needs.from,
      entrantNeedCode: needs.code,
      entrantNeedWeight: needs.weight,
      entryUasc: Uint8Array.from({ length: ENTRY_CELL_COUNT }, (_, k) => entryCellUasc(k)),
      entryBand: Uint8Array.from({ length: ENTRY_CELL_COUNT }, (_, k) => entryCellAgeBand(k)),
      entryRoute: Uint8Array.from({ length: ENTRY_CELL_COUNT }, (_, k) => entryCellRoute(k)),
      routeTotal: Float64Array.from(model.routeWeights, weightTotal),
      hazardChangeBands: model.hazardTables.map((table) => hazardChangeBands(table, model.durationBandCount)),
      noMatch: PLACEMENT_CATEGORIES.map(() => new Float64Array(0)),
      epochRedraws: model.epochs.map((e, i) => (i === 0 ? new Int32Array(0) : epochRedraws(model, i))),
      seriesLayout: null,
      streamKeys: new Map(),
      spare: null,
    };
    prepared.set(model, p);
  }
  return p;
}

/**
 * Per hazard cell (its duration band innermost, `nDur` bands): the first later duration band whose
 * cell has another signature (other hazards), or `nDur` when none has: a child's hazards next change
 * with time in care when it reaches that band (`hazardChangeByDuration`).
 */
export function hazardChangeBands(table: HazardTable, nDur: number): Int8Array {
  const sig = table.signature;
  const bands = new Int8Array(sig.length);
  for (let cell = 0; cell < sig.length; cell++) {
    const d = cell % nDur;
    let next = d + 1;
    while (next < nDur && sig[cell - d + next] === sig[cell]) next++;
    bands[cell] = next;
  }
  return bands;
}

/** What an epoch's start re-draws (`epochRedraws` codes): an entry cell's arrivals, a category's recruitment or de-registration. */
export const REDRAW_ENTRY = 0;
export const REDRAW_RECRUITMENT = 1;
export const REDRAW_DEREGISTRATION = 2;
export const REDRAW_KINDS = 3;

/**
 * The processes whose rates change when epoch `i` (after epoch `i - 1`) starts, as codes index *
 * REDRAW_KINDS + kind, in the order `onEpoch` re-draws them: entry cells by index, then by category its
 * recruitment (its sources differ) and de-registration (capacity kind 2, households, only). Epochs
 * start in order, so the epoch before is always `i - 1`; the month-start epochs of most models change
 * no rate, and the list is empty.
 */
export function epochRedraws(model: CompiledModel, i: number): Int32Array {
  const e = model.epochs[i]!;
  const previous = model.epochs[i - 1]!;
  const codes: number[] = [];
  for (let k = 0; k < ENTRY_CELL_COUNT; k++) if (e.entryPerDay[k] !== previous.entryPerDay[k]) codes.push(k * REDRAW_KINDS + REDRAW_ENTRY);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    if (model.capacityKind[c] !== 2) continue;
    if (!sameNumbers(e.recruitment[c]!, previous.recruitment[c]!)) codes.push(c * REDRAW_KINDS + REDRAW_RECRUITMENT);
    if (e.deregistrationPerDay[c] !== previous.deregistrationPerDay[c]) codes.push(c * REDRAW_KINDS + REDRAW_DEREGISTRATION);
  }
  return Int32Array.from(codes);
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The sum of `weights` from the first to the last, as `RandomStream.categorical` adds them when given no total. */
function weightTotal(weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  return sum;
}

/**
 * Per list of weights: the indices and weights of those not <= 0 (NaN kept, as `categorical` keeps it),
 * list i's at [from[i], from[i + 1]).
 */
export function positiveWeights(lists: readonly (readonly number[])[]): { from: Int32Array; code: Int32Array; weight: Float64Array } {
  const from = new Int32Array(lists.length + 1);
  const code: number[] = [];
  const weight: number[] = [];
  lists.forEach((weights, i) => {
    for (let j = 0; j < weights.length; j++) {
      if (weights[j]! <= 0) continue;
      code.push(j);
      weight.push(weights[j]!);
    }
    from[i + 1] = code.length;
  });
  return { from, code: Int32Array.from(code), weight: Float64Array.from(weight) };
}

/** The stream keys of the model's replications under `seed`, hashed on first use. */
export function streamKeysOf(model: CompiledModel, seed: number): StreamKeys {
  const p = preparedOf(model);
  let keys = p.streamKeys.get(seed);
  if (!keys) {
    const key = (name: string): StreamKey => streamKey(seed, name);
    keys = {
      displacement: key('displacement'),
      recruitment: key('recruitment'),
      deregistration: key('deregistration'),
      initialPopulation: key('initial-population'),
      stepAcross: key('step-across'),
      careLeaversInitial: key('care-leavers-initial'),
      entries: [],
      attributes: [],
    };
    for (let k = 0; k < ENTRY_CELL_COUNT; k++) {
      const active = model.epochs.some((e) => e.entryPerDay[k]! > 0);
      const name = `${entryCellUasc(k) === 1 ? 'uasc' : 'entries'}|${entryCellAgeBand(k)}|${entryCellRoute(k)}`;
      keys.entries.push(active ? key(name) : null);
      keys.attributes.push(active ? key(`entrant-attributes|${name}`) : null);
    }
    p.streamKeys.set(seed, keys);
  }
  return keys;
}
