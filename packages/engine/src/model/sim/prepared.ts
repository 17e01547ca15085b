import type { CodedSimulator } from '../../kernel/coded-simulator.js';
import { streamKey, type StreamKey } from '../../random/streams.js';
import type { ReplicationState } from './state.js';
import type { CompiledModel } from '../compiled-model.js';
import { ENTRY_CELL_COUNT, entryCellAgeBand, entryCellRoute, entryCellUasc } from '../domain/cells.js';
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
  /** The monthly series' keys in the order MonthlySeries builds them (filled by the first replication). */
  seriesKeys: string[];
  /**
   * Per entry cell: the total of its first-need weights (`model.firstNeed[uasc][band]`), summed in the
   * order `RandomStream.categorical` sums them, so an entrant's draw does not add them up again.
   */
  entrantNeedTotal: Float64Array;
  /** Per age band: the total of the initial population's route weights (`model.routeWeights[band]`), likewise. */
  routeTotal: Float64Array;
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
    p = {
      durationBounds: Float64Array.from(model.durationBoundsDays),
      capsByCategory: PLACEMENT_CATEGORIES.map((_, c) => model.durationCaps.flatMap((cap, j) => (cap.category === c ? [j] : []))),
      limited: Uint8Array.from(model.capacityKind, (k) => (k === 0 ? 0 : 1)),
      entrantNeedTotal: Float64Array.from({ length: ENTRY_CELL_COUNT }, (_, k) => weightTotal(model.firstNeed[entryCellUasc(k)]![entryCellAgeBand(k)]!)),
      routeTotal: Float64Array.from(model.routeWeights, weightTotal),
      seriesKeys: [],
      streamKeys: new Map(),
      spare: null,
    };
    prepared.set(model, p);
  }
  return p;
}

/** The sum of `weights` from the first to the last, as `RandomStream.categorical` adds them when given no total. */
function weightTotal(weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]!;
  return sum;
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
