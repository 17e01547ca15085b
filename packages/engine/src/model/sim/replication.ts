import type { CompiledModel } from '../compiled-model.js';
import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../domain/cells.js';
import { startCareLeavers } from './care-leavers.js';
import { grow } from './children.js';
import { scheduleArrival } from './entries.js';
import { onEpoch } from './epochs.js';
import { placeInitialPopulation } from './initial-population.js';
import { onSnapshot, takeStock } from './outputs.js';
import type { ReplicationOptions, ReplicationOutput } from './replication-output.js';
import { PRIORITY_CAPACITY, PRIORITY_EPOCH, PRIORITY_SNAPSHOT, ReplicationState } from './state.js';
import { onCapacityChange, scheduleDeregistration, scheduleRecruitment, updateCapacity } from './supply.js';

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
  for (let i = 1; i < m.epochs.length; i++) sim.scheduleAt(m.epochs[i]!.day, () => onEpoch(st, i), PRIORITY_EPOCH);
  for (const ev of m.capacityEvents) sim.scheduleAt(ev.day, () => onCapacityChange(st, ev.category, ev.change, ev.blockPerDay, ev.blockBeds), PRIORITY_CAPACITY);
  m.snapshotDays.forEach((d, i) => sim.scheduleAt(d + 1, () => onSnapshot(st, i + 1), PRIORITY_SNAPSHOT));
  sim.run(st.endTime);

  const out: ReplicationOutput = { dates: m.dates.slice(), series: st.out.series, eventsFired: sim.eventsFired };
  if (st.record) {
    out.episodes = st.episodes;
    out.children = st.childRecords;
  }
  return out;
}
