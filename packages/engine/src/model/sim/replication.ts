import type { CompiledModel } from '../compiled-model.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../domain/cells.js';
import { onLeaver, onStep, startCareLeavers } from './care-leavers.js';
import { onChild, onChildBoundary } from './child-events.js';
import { grow } from './children.js';
import { onCap } from './duration-caps.js';
import { onArrival, scheduleArrival } from './entries.js';
import { onEpoch } from './epochs.js';
import { placeInitialPopulation } from './initial-population.js';
import { onSnapshot, takeStock } from './outputs.js';
import type { ReplicationOptions, ReplicationOutput } from './replication-output.js';
import {
  type EV_CAP,
  EV_CAPACITY,
  type EV_CHILD,
  type EV_CHILD_BOUNDARY,
  type EV_DEREG,
  type EV_ENTRY,
  EV_EPOCH,
  EV_LEAVER,
  EV_LEAVER_BIRTHDAY,
  EV_LEAVER_JOIN,
  type EV_LEAVER_STEP,
  type EV_RECRUIT,
  EV_SNAPSHOT,
  type EV_STEP_ACROSS,
  EVENT_KIND_BITS,
  EVENT_KINDS,
  PRIORITY_CAPACITY,
  PRIORITY_EPOCH,
  PRIORITY_SNAPSHOT,
  ReplicationState,
} from './state.js';
import { preparedOf } from './prepared.js';
import { onStepAcross } from './step-across.js';
import { onCapacityChange, onDeregistration, onRecruitment, scheduleDeregistration, scheduleRecruitment, updateCapacity } from './supply.js';

// One replication of the care model: the state, the processes started on the start day, and the
// kernel run to the end. What each event does is in the sim/ modules named for it (see the README).

/** Runs one replication of the care model: `seed` and `replication` pick the random streams. */
export function runReplication(model: CompiledModel, seed: number, replication: number, options: ReplicationOptions = {}): ReplicationOutput {
  const st = new ReplicationState(model, seed, replication, options);
  const m = st.m;
  const sim = st.sim;
  const initialSize = m.initialCells.reduce((a, c) => a + c.count, 0) + m.initialChildren.length;
  grow(st, Math.max(64, Math.ceil(initialSize * 1.3)));
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    if (m.capacityKind[c] === 2) {
      for (let h = 0; h < m.initialHouseholds[c]!; h++) st.houses[c]!.push(m.placesPerHousehold[c]!);
      st.places[c] = m.initialHouseholds[c]! * m.placesPerHousehold[c]!;
    }
    st.extraBeds[c] = m.initialBeds[c]!;
    updateCapacity(st, c);
    st.blockPerDay[c] = m.initialBlockPerDay[c]!;
    st.blockBeds[c] = m.initialBlockBeds[c]!;
    st.costSince[c] = m.startDay;
  }
  placeInitialPopulation(st);
  startCareLeavers(st);
  takeStock(st, 0);

  for (let k = 0; k < ENTRY_CELL_COUNT; k++) scheduleArrival(st, k);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    if (m.capacityKind[c] === 2) {
      scheduleRecruitment(st, c);
      scheduleDeregistration(st, c);
    }
  }
  for (let i = 1; i < m.epochs.length; i++) sim.scheduleAt(m.epochs[i]!.day, i * EVENT_KINDS + EV_EPOCH, PRIORITY_EPOCH);
  m.capacityEvents.forEach((ev, i) => sim.scheduleAt(ev.day, i * EVENT_KINDS + EV_CAPACITY, PRIORITY_CAPACITY));
  m.snapshotDays.forEach((d, i) => sim.scheduleAt(d + 1, (i + 1) * EVENT_KINDS + EV_SNAPSHOT, PRIORITY_SNAPSHOT));
  sim.run(st.endTime, (code) => fire(st, code));

  const out: ReplicationOutput = { dates: m.dates.slice(), series: st.out.series, eventsFired: sim.eventsFired };
  // The next replication of this model reuses the simulator and the state's arrays (prepared.ts).
  preparedOf(m).spare = { sim, state: st };
  if (st.record) {
    out.episodes = st.episodes;
    out.children = st.childRecords;
  }
  return out;
}

/**
 * Fires event `code` (index * EVENT_KINDS + kind, see state.ts) of replication `st`. The cases are
 * literals, each checked against its constant's type by `satisfies` (so tsc fails if a kind is
 * renumbered): V8 compiles a switch of literal cases to one jump table, while each case naming an
 * imported constant was a load, a check that the binding is initialised and a comparison, tried one
 * after another (a young person's event passed 11 of them), and 14 bytes of bytecode counted against
 * the inlining budget of the kernel's run loop, which inlines this function (session 22).
 */
function fire(st: ReplicationState, code: number): void {
  const i = code >>> EVENT_KIND_BITS;
  switch (code & (EVENT_KINDS - 1)) {
    case 11 satisfies typeof EV_CHILD_BOUNDARY:
      onChildBoundary(st, i);
      return;
    case 0 satisfies typeof EV_CHILD:
      onChild(st, i);
      return;
    case 9 satisfies typeof EV_LEAVER:
      onLeaver(st, i, EV_LEAVER);
      return;
    case 12 satisfies typeof EV_LEAVER_BIRTHDAY:
      onLeaver(st, i, EV_LEAVER_BIRTHDAY);
      return;
    case 13 satisfies typeof EV_LEAVER_JOIN:
      onLeaver(st, i, EV_LEAVER_JOIN);
      return;
    case 2 satisfies typeof EV_ENTRY:
      onArrival(st, i);
      return;
    case 1 satisfies typeof EV_CAP:
      onCap(st, Math.floor(i / st.capCount), i % st.capCount);
      return;
    case 3 satisfies typeof EV_RECRUIT:
      onRecruitment(st, i);
      return;
    case 4 satisfies typeof EV_DEREG:
      onDeregistration(st, i);
      return;
    case 5 satisfies typeof EV_STEP_ACROSS:
      onStepAcross(st, i);
      return;
    case 6 satisfies typeof EV_EPOCH:
      onEpoch(st, i);
      return;
    case 7 satisfies typeof EV_CAPACITY: {
      const ev = st.m.capacityEvents[i]!;
      onCapacityChange(st, ev.category, ev.change, ev.blockPerDay, ev.blockBeds);
      return;
    }
    case 8 satisfies typeof EV_SNAPSHOT:
      onSnapshot(st, i);
      return;
    case 10 satisfies typeof EV_LEAVER_STEP:
      onStep(st, st.leavers!, i);
      return;
    default:
      throw new Error(`unknown event code ${code}`);
  }
}
