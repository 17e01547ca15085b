import { CATEGORY_COUNT, ENTRY_CELL_COUNT } from '../domain/cells.js';
import { cellOf, rescheduleChild } from './child-events.js';
import { flushAllCosts } from './costs.js';
import { scheduleArrival } from './entries.js';
import type { ReplicationState } from './state.js';
import { scheduleDeregistration, scheduleRecruitment } from './supply.js';

// Epochs: rates change at month starts and when modifiers start or stop; affected processes re-draw.

/** Epoch `i` starts: children whose hazard cells changed, and entry and supply processes whose rates changed, re-draw. */
export function onEpoch(st: ReplicationState, i: number): void {
  flushAllCosts(st);
  const previous = st.epoch;
  const e = (st.epoch = st.m.epochs[i]!);
  st.table = st.m.hazardTables[e.hazard]!;
  const changed = e.hazardChanged;
  if (changed) {
    const last = st.nDur - 1;
    for (let s = 0; s < st.used; s++) {
      if (st.alive[s] !== 1) continue;
      const cell = cellOf(st, s);
      for (let k = cell, end = cell - st.dur[s]! + last; k <= end; k++) {
        if (changed[k] === 1) {
          rescheduleChild(st, s);
          break;
        }
      }
    }
  }
  for (let k = 0; k < ENTRY_CELL_COUNT; k++) if (e.entryPerDay[k] !== previous.entryPerDay[k]) scheduleArrival(st, k);
  for (let c = 0; c < CATEGORY_COUNT; c++) {
    if (st.m.capacityKind[c] !== 2) continue;
    if (!sameNumbers(e.recruitment[c]!, previous.recruitment[c]!)) scheduleRecruitment(st, c);
    if (e.deregistrationPerDay[c] !== previous.deregistrationPerDay[c]) scheduleDeregistration(st, c);
  }
}

function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
