import { careLeaversHouseholdAdded, careLeaversHouseholdRemoved } from './care-leavers.js';
import { chargeRecruitment, flushCost, flushLeverCosts } from './costs.js';
import { displace, freed } from './placement.js';
import { EV_DEREG, EV_RECRUIT, EVENT_KINDS, PRIORITY_CHILD, type ReplicationState } from './state.js';

// Supply: capacity of beds and households, household recruitment and de-registration, capacity changes.

/** Capacity of `c` for children: household places not held by staying put, plus extra beds, never below zero. */
export function updateCapacity(st: ReplicationState, c: number): void {
  if (st.limited[c] === 0) return;
  st.capacity[c] = Math.max(0, st.places[c]! - st.placesHeld[c]! + st.extraBeds[c]!);
}

/** A capacity modifier on `c`: beds and block cost change; waiting children move in, or children are displaced. */
export function onCapacityChange(st: ReplicationState, c: number, change: number, blockPerDay: number, blockBeds: number): void {
  flushCost(st, c);
  st.blockPerDay[c] = st.blockPerDay[c]! + blockPerDay;
  st.blockBeds[c] = st.blockBeds[c]! + blockBeds;
  st.extraBeds[c] = st.extraBeds[c]! + change;
  updateCapacity(st, c);
  if (change > 0) freed(st, c);
  else displace(st, c);
}

/** Draws the next household recruited into `c` at the rate in force. */
export function scheduleRecruitment(st: ReplicationState, c: number): void {
  const h = st.recruitHandle[c]!;
  if (h >= 0) st.sim.cancel(h);
  st.recruitHandle[c] = -1;
  const sources = st.epoch.recruitment[c]!;
  let rate = 0;
  for (let i = 0; i < sources.length; i += 2) rate += sources[i]!;
  if (!(rate > 0)) return;
  const t = st.sim.now + st.rngRecruitment.exponential(rate);
  if (t < st.endTime) st.recruitHandle[c] = st.sim.scheduleAt(t, c * EVENT_KINDS + EV_RECRUIT, PRIORITY_CHILD);
}

/** A household joins `c` with its places (the source drawn by rate); waiting children move in. */
export function onRecruitment(st: ReplicationState, c: number): void {
  st.recruitHandle[c] = -1;
  const sources = st.epoch.recruitment[c]!;
  let rate = 0;
  for (let i = 0; i < sources.length; i += 2) rate += sources[i]!;
  let u = st.rngRecruitment.random() * rate;
  let i = 0;
  for (; i < sources.length - 2; i += 2) {
    u -= sources[i]!;
    if (u < 0) break;
  }
  const placesOfHousehold = sources[i + 1]!;
  flushLeverCosts(st);
  chargeRecruitment(st, c, i);
  st.houses[c]!.push(placesOfHousehold);
  careLeaversHouseholdAdded(st, c);
  st.householdsRecruited[c]!++;
  st.places[c] = st.places[c]! + placesOfHousehold;
  updateCapacity(st, c);
  scheduleRecruitment(st, c);
  scheduleDeregistration(st, c);
  freed(st, c);
}

/** Draws the next household leaving `c` (each at the de-registration hazard). */
export function scheduleDeregistration(st: ReplicationState, c: number): void {
  const h = st.deregHandle[c]!;
  if (h >= 0) st.sim.cancel(h);
  st.deregHandle[c] = -1;
  const rate = st.houses[c]!.length * st.epoch.deregistrationPerDay[c]!;
  if (!(rate > 0)) return;
  const t = st.sim.now + st.rngDeregistration.exponential(rate);
  if (t < st.endTime) st.deregHandle[c] = st.sim.scheduleAt(t, c * EVENT_KINDS + EV_DEREG, PRIORITY_CHILD);
}

/** A household chosen uniformly leaves `c`; children over capacity are displaced. */
export function onDeregistration(st: ReplicationState, c: number): void {
  st.deregHandle[c] = -1;
  const houses = st.houses[c]!;
  const i = st.rngDeregistration.integer(0, houses.length - 1);
  const gone = houses[i]!;
  flushLeverCosts(st);
  careLeaversHouseholdRemoved(st, c, i);
  houses[i] = houses[houses.length - 1]!;
  houses.pop();
  st.householdsDeregistered[c]!++;
  st.places[c] = st.places[c]! - gone;
  updateCapacity(st, c);
  scheduleDeregistration(st, c);
  displace(st, c);
}
