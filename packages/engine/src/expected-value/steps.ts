import type { CompiledModel } from '../model/compiled-model.js';

/** Longest projection step in days: two steps a month keep ageing and duration changes close. */
export const MAX_STEP_DAYS = 16;

/** One projection step [t0, t1) in days; `snapshotAfter` when t1 is the end of a month-end day. */
export interface ProjectionStep {
  t0: number;
  t1: number;
  snapshotAfter: boolean;
}

/**
 * Steps from the start to the end of the last day: every month end (stocks are taken at the end of
 * that day), rate change (epoch) and capacity event starts a new step; longer pieces are split into
 * equal steps of at most MAX_STEP_DAYS.
 */
export function projectionSteps(model: CompiledModel): ProjectionStep[] {
  const cuts = new Set<number>();
  for (const e of model.epochs) cuts.add(e.day);
  for (const e of model.capacityEvents) cuts.add(e.day);
  const steps: ProjectionStep[] = [];
  let t = model.startDay;
  for (const monthEnd of model.snapshotDays) {
    const end = monthEnd + 1;
    const inside = [...cuts].filter((c) => c > t && c < end).sort((a, b) => a - b);
    for (const stop of [...inside, end]) {
      const pieces = Math.ceil((stop - t) / MAX_STEP_DAYS);
      for (let i = 0; i < pieces; i++) {
        const t1 = i === pieces - 1 ? stop : t + ((stop - t) * (i + 1)) / pieces;
        steps.push({ t0: i === 0 ? t : steps[steps.length - 1]!.t1, t1, snapshotAfter: t1 === end });
      }
      t = stop;
    }
  }
  return steps;
}
