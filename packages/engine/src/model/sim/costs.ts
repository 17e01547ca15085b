import { CATEGORY_COUNT } from '../domain/cells.js';
import { accruedCostGbp } from '../domain/costs.js';
import type { ReplicationState } from './state.js';

// Costs: each category's cost is integrated over time exactly, flushed before its occupancy changes.
// Children in block beds (up to their number) are charged the block cost only. Lever costs of
// services and retention are integrated the same way, flushed before the household count changes.

/** Adds category `c`'s cost since it last changed (occupancy, block beds, inflation) up to now. */
export function flushCost(st: ReplicationState, c: number): void {
  const now = st.sim.now;
  const dt = now - st.costSince[c]!;
  if (dt > 0) {
    const e = st.epoch;
    const charged = Math.max(0, st.members[c]!.size - st.blockBeds[c]!);
    st.cost[c] = st.cost[c]! + accruedCostGbp(charged, e.costPerDay[c]!, st.blockPerDay[c]!, e.inflation[c]!) * dt;
  }
  st.costSince[c] = now;
}

/** Flushes every category's cost and the lever costs (before rates change or a month ends). */
export function flushAllCosts(st: ReplicationState): void {
  for (let c = 0; c < CATEGORY_COUNT; c++) flushCost(st, c);
  flushLeverCosts(st);
}

/** Adds the lever costs of services and of retention (per approved household) since the last flush. */
export function flushLeverCosts(st: ReplicationState): void {
  const now = st.sim.now;
  const dt = now - st.leverCostSince;
  st.leverCostSince = now;
  if (!(dt > 0) || st.leverCost.length === 0) return;
  const e = st.epoch;
  for (let l = 0; l < st.leverCost.length; l++) st.leverCost[l] = st.leverCost[l]! + e.serviceCostPerDay[l]! * dt;
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    const pairs = e.householdCostPerDay[c]!;
    if (pairs.length === 0) continue;
    const households = st.houses[c]!.length;
    for (let i = 0; i < pairs.length; i += 2) st.leverCost[pairs[i]!] = st.leverCost[pairs[i]!]! + households * pairs[i + 1]! * dt;
  }
}

/** A household approved from recruitment source `source` (index into the epoch's pairs) of `c`: its lever cost. */
export function chargeRecruitment(st: ReplicationState, c: number, source: number): void {
  const costs = st.epoch.recruitmentCost[c]!;
  const label = costs[source]!;
  if (label >= 0) st.leverCost[label] = st.leverCost[label]! + costs[source + 1]!;
}
