import { cellOf, rescheduleChild } from './child-events.js';
import { flushAllCosts } from './costs.js';
import { scheduleArrival } from './entries.js';
import { REDRAW_ENTRY, REDRAW_KINDS, REDRAW_RECRUITMENT } from './prepared.js';
import { useHazardTable, type ReplicationState } from './state.js';
import { scheduleDeregistration, scheduleRecruitment } from './supply.js';

// Epochs: rates change at month starts and when modifiers start or stop; affected processes re-draw.

/** Epoch `i` starts: children whose hazard cells changed, and entry and supply processes whose rates changed, re-draw. */
export function onEpoch(st: ReplicationState, i: number): void {
  flushAllCosts(st);
  const e = (st.epoch = st.m.epochs[i]!);
  useHazardTable(st, e.hazard);
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
  // The rates that changed are listed once per model (prepared.ts), so a month start whose rates are
  // the month before's reads one empty list instead of every entry cell's and category's rates.
  const redraws = st.redraws[i]!;
  for (let j = 0; j < redraws.length; j++) {
    const code = redraws[j]!;
    const index = Math.floor(code / REDRAW_KINDS);
    const kind = code - index * REDRAW_KINDS;
    if (kind === REDRAW_ENTRY) scheduleArrival(st, index);
    else if (kind === REDRAW_RECRUITMENT) scheduleRecruitment(st, index);
    else scheduleDeregistration(st, index);
  }
}
