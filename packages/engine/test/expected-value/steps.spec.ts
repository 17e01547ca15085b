import { describe, expect, it } from 'vitest';
import { MAX_STEP_DAYS, MIN_STEP_DAYS, STEP_EVENTS, projectionSteps, stepDays } from '../../src/expected-value/steps.js';
import { compileModel } from '../../src/model/compile/compile-model.js';
import { smallAuthority } from '../montecarlo/parameters-fixture.js';

const PER_YEAR = 1 / 365.25;

describe('projection steps (session 17): as long as the fastest hazard before settling allows', () => {
  it('is a month for hazards up to STEP_EVENTS a month, two steps a month for faster ones', () => {
    // Anytown's fastest cell before settling: 2.5 a year (0.21 events a month): month steps.
    expect(stepDays(2.5 * PER_YEAR)).toBe(MAX_STEP_DAYS);
    expect(stepDays(0)).toBe(MAX_STEP_DAYS);
    // The time-in-care case (4 a year): 22.8 days, so two steps of a 30- or 31-day month.
    expect(stepDays(4 * PER_YEAR)).toBeCloseTo(STEP_EVENTS / (4 * PER_YEAR), 12);
    expect(stepDays(4 * PER_YEAR)).toBeLessThan(30);
    expect(stepDays(40 * PER_YEAR)).toBe(MIN_STEP_DAYS);
  });

  it('cuts every month end; one step a month at MAX_STEP_DAYS, two at the time-in-care case', () => {
    const model = compileModel(smallAuthority({ end: '2026-03-31' }));
    const months = projectionSteps(model, stepDays(2.5 * PER_YEAR));
    expect(months.length).toBe(model.snapshotDays.length);
    expect(months.every((s) => s.snapshotAfter && s.t1 - s.t0 <= MAX_STEP_DAYS)).toBe(true);
    const halves = projectionSteps(model, stepDays(4 * PER_YEAR));
    expect(halves.length).toBe(2 * model.snapshotDays.length);
    expect(halves.filter((s) => s.snapshotAfter).map((s) => s.t1 - 1)).toEqual(model.snapshotDays);
    // Consecutive, from the start to the end of the last day.
    expect(halves[0]!.t0).toBe(model.startDay);
    for (let i = 1; i < halves.length; i++) expect(halves[i]!.t0).toBe(halves[i - 1]!.t1);
  });
});
