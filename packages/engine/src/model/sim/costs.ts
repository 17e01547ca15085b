import { CATEGORY_COUNT } from '../domain/cells.js';
import { accruedCostGbp } from '../domain/costs.js';
import type { ReplicationState } from './state.js';

// Costs: each category's cost is integrated over time exactly, flushed before its occupancy changes.

/** Adds category `c`'s cost since it last changed (occupancy, block beds, inflation) up to now. */
export function flushCost(st: ReplicationState, c: number): void {
  const now = st.sim.now;
  const dt = now - st.costSince[c]!;
  if (dt > 0) {
    const e = st.epoch;
    st.cost[c] = st.cost[c]! + accruedCostGbp(st.members[c]!.size, e.costPerDay[c]!, st.blockPerDay[c]!, e.inflation[c]!) * dt;
  }
  st.costSince[c] = now;
}

/** Flushes every category's cost (before rates change or a month ends). */
export function flushAllCosts(st: ReplicationState): void {
  for (let c = 0; c < CATEGORY_COUNT; c++) flushCost(st, c);
}
