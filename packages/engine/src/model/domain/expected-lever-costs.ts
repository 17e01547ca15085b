import type { CompiledModel } from '../compiled-model.js';
import { exp } from '../../random/exact-math.js';
import { CATEGORY_COUNT } from './cells.js';
import { seriesKey, TOTAL } from './series-keys.js';

/**
 * The expected `lever_cost` series of a compiled model, per label and `total` (GBP per month; index 0
 * empty as for every flow), exactly as the simulation charges them in expectation: services at their
 * rate, recruitment costs at each source's rate times its cost per household, retention costs on the
 * expected approved households. Households do not depend on children, so with Poisson recruitment at
 * rate r and de-registration at hazard d per household-day, E[H] solves H' = r − dH on each epoch:
 * H(t) = r/d + (H₀ − r/d)e^{−dt}, integrated exactly. Empty when the model has no lever costs.
 */
export function expectedLeverCosts(model: CompiledModel): Record<string, Float64Array> {
  const labels = model.leverCostLabels;
  if (labels.length === 0) return {};
  const n = model.dates.length;
  const perLabel = Array.from(labels, () => new Float64Array(n));
  const households = Float64Array.from(model.initialHouseholds, (h, c) => (model.capacityKind[c] === 2 ? h : 0));
  let month = 1;
  model.epochs.forEach((e, i) => {
    const t0 = e.day;
    const t1 = i + 1 < model.epochs.length ? model.epochs[i + 1]!.day : model.endDay + 1;
    const dt = t1 - t0;
    if (!(dt > 0)) return;
    while (month < n - 1 && model.snapshotDays[month - 1]! < t0) month++;
    for (let l = 0; l < labels.length; l++) perLabel[l]![month]! += e.serviceCostPerDay[l]! * dt;
    for (let c = 0; c < CATEGORY_COUNT; c++) {
      if (model.capacityKind[c] !== 2) continue;
      const sources = e.recruitment[c]!;
      const costs = e.recruitmentCost[c]!;
      let r = 0;
      for (let s = 0; s < sources.length; s += 2) {
        r += sources[s]!;
        if (costs[s]! >= 0) perLabel[costs[s]!]![month]! += sources[s]! * costs[s + 1]! * dt;
      }
      const d = e.deregistrationPerDay[c]!;
      const h0 = households[c]!;
      let integral: number;
      if (d > 0) {
        const hInf = r / d;
        const decay = exp(-d * dt);
        integral = hInf * dt + ((h0 - hInf) * (1 - decay)) / d;
        households[c] = hInf + (h0 - hInf) * decay;
      } else {
        integral = h0 * dt + (r * dt * dt) / 2;
        households[c] = h0 + r * dt;
      }
      const pairs = e.householdCostPerDay[c]!;
      for (let q = 0; q < pairs.length; q += 2) perLabel[pairs[q]!]![month]! += pairs[q + 1]! * integral;
    }
  });
  const out: Record<string, Float64Array> = {};
  const total = new Float64Array(n);
  labels.forEach((label, l) => {
    out[seriesKey('lever_cost', label)] = perLabel[l]!;
    for (let t = 0; t < n; t++) total[t]! += perLabel[l]![t]!;
  });
  out[seriesKey('lever_cost', TOTAL)] = total;
  return out;
}
