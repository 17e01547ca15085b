import type { CompiledModel } from '../model/compiled-model.js';
import { AGE_BAND_COUNT } from '../model/domain/age-bands.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../model/domain/cells.js';
import { PLACEMENT_CATEGORIES } from '../model/domain/ids.js';
import type { ModelParameters } from '../model/parameters.js';
import { KEEP_REPLICATIONS_BYTES } from './summary-accumulator.js';

/** The largest run Carecast starts without being told to go ahead: events per replication. */
export const MAX_EVENTS_PER_REPLICATION = 50_000_000;

/**
 * Bytes a replication holds per child it simulates (child slots, hazards, pending events) and per foster
 * household; generous round figures, so an estimate errs towards refusing.
 */
const BYTES_PER_CHILD = 400;
const BYTES_PER_HOUSEHOLD = 16;
/**
 * Bytes of one replication's monthly series kept until the run ends, per month. Measured on the 5-year
 * Anytown baseline (61 months): peak resident memory 0.33 GB at 1,000 replications, 2.18 GB at 20,000,
 * about 1,600 bytes per replication-month.
 */
const OUTPUT_BYTES_PER_MONTH = 1_700;

/** What one run of the model would take, estimated from the compiled model before simulating. */
export interface RunEstimate {
  /** Children simulated in one replication: the initial population plus every expected entry. */
  childrenPerReplication: number;
  /** Foster households in one replication: initial plus every expected recruitment. */
  householdsPerReplication: number;
  /** Events in one replication: per child arrival, exit, birthdays, duration bands and moves; per household two. */
  eventsPerReplication: number;
  /** Working memory of one replication, bytes. */
  bytesPerReplication: number;
  /** Memory of the kept monthly series of every replication, bytes. */
  outputBytes: number;
  /** Working memory of the threads plus the kept series, bytes. */
  totalBytes: number;
  /** The parameter (engine path) that contributes most events, e.g. `entries.perYear`. */
  largestDriver: string;
}

/** Expected value of `perDay(epoch)` summed over the days each epoch is in force. */
function overEpochs(model: CompiledModel, perDay: (e: CompiledModel['epochs'][number]) => number): { total: number; first: number } {
  let total = 0;
  const days = model.endDay - model.startDay + 1;
  model.epochs.forEach((e, i) => {
    const until = i + 1 < model.epochs.length ? model.epochs[i + 1]!.day : model.endDay + 1;
    total += perDay(e) * Math.max(0, until - Math.max(e.day, model.startDay));
  });
  return { total, first: model.epochs.length > 0 ? perDay(model.epochs[0]!) * days : 0 };
}

/**
 * Estimates children, events and memory of `replications` replications on `threads` threads from the
 * compiled model (its rates, levers included), before anything is simulated.
 */
export function estimateRun(
  params: ModelParameters,
  model: CompiledModel,
  replications: number,
  threads: number,
  /** `simulateSummary`: replications summarised as they finish, kept only up to KEEP_REPLICATIONS_BYTES. */
  options: { summaryOnly?: boolean } = {},
): RunEstimate {
  const days = Math.max(1, model.endDay - model.startDay + 1);
  const hasModifiers = (params.modifiers?.length ?? 0) > 0;
  const drivers = new Map<string, number>();
  const add = (path: string, events: number) => drivers.set(path, (drivers.get(path) ?? 0) + events);

  // Transitions per child: the mean competing hazard per day over the cells, for the whole run.
  let meanHazardPerDay = 0;
  for (const table of model.hazardTables) {
    let sum = 0;
    for (let i = 0; i < table.total.length; i++) sum += table.total[i]!;
    meanHazardPerDay = Math.max(meanHazardPerDay, table.total.length > 0 ? sum / table.total.length : 0);
  }
  const eventsPerChild = 2 + (AGE_BAND_COUNT - 1) + model.durationBandCount + meanHazardPerDay * days;

  const initial = model.initialCells.reduce((s, c) => s + c.count, 0) + model.initialChildren.length;
  add('initialPopulation.counts', initial * eventsPerChild);
  const half = ENTRY_CELL_COUNT / 2;
  const sumCells = (from: number, to: number) => (e: CompiledModel['epochs'][number]) => {
    let s = 0;
    for (let k = from; k < to; k++) s += e.entryPerDay[k]!;
    return s;
  };
  const entries = overEpochs(model, sumCells(0, half));
  const uasc = overEpochs(model, sumCells(half, ENTRY_CELL_COUNT));
  const grown = (x: { total: number; first: number }, own: string, trend: string) =>
    x.total > 2 * x.first ? (hasModifiers ? 'modifiers' : trend) : own;
  add(grown(entries, 'entries.perYear', 'entries.trendPerYear'), entries.total * eventsPerChild);
  add(grown(uasc, 'uasc.perYear', 'uasc.perYear'), uasc.total * eventsPerChild);

  let households = 0;
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    const name = PLACEMENT_CATEGORIES[c]!;
    const start = model.capacityKind[c] === 2 ? model.initialHouseholds[c]! : 0;
    const recruited = overEpochs(model, (e) => {
      const src = e.recruitment[c] ?? [];
      let s = 0;
      for (let i = 0; i < src.length; i += 2) s += src[i]!;
      return s;
    });
    households += start + recruited.total;
    add(`supply.capacity.${name}.households`, 2 * start);
    add(recruited.total > 2 * recruited.first && hasModifiers ? 'modifiers' : `supply.capacity.${name}.recruitmentPerYear`, 2 * recruited.total);
  }
  const children = initial + entries.total + uasc.total;
  const events = [...drivers.values()].reduce((a, b) => a + b, 0) + model.snapshotDays.length + model.epochs.length + model.capacityEvents.length;
  const largestDriver = [...drivers.entries()].reduce((a, b) => (b[1] > a[1] ? b : a), ['initialPopulation.counts', -1])[0];
  const bytesPerReplication = children * BYTES_PER_CHILD + households * BYTES_PER_HOUSEHOLD;
  const kept = replications * model.snapshotDays.length * OUTPUT_BYTES_PER_MONTH;
  // Kept values count their typed arrays only; resident memory is about twice that (see above).
  const outputBytes = options.summaryOnly === true ? Math.min(kept, 2 * KEEP_REPLICATIONS_BYTES) : kept;
  return {
    childrenPerReplication: children,
    householdsPerReplication: households,
    eventsPerReplication: events,
    bytesPerReplication,
    outputBytes,
    totalBytes: bytesPerReplication * Math.max(1, Math.min(threads, replications)) + outputBytes,
    largestDriver,
  };
}
