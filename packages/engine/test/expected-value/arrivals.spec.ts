import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrivalShareBefore } from '../../src/expected-value/steps.js';

/** ∫₀^dt f(s) ds by Simpson's rule on 2,000 intervals: an oracle independent of the closed forms. */
function simpson(f: (s: number) => number, dt: number): number {
  const n = 2000;
  const h = dt / n;
  let sum = f(0) + f(dt);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}

describe('arrivalShareBefore: the split of a step’s arrivals between its start and its end', () => {
  it('makes the arrivals’ stock at the step’s end and their occupancy during it exact for one category', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 5, noNaN: true }), fc.double({ min: 1, max: 31, noNaN: true }), (events, dt) => {
        const h = events / dt;
        const alpha = arrivalShareBefore(events);
        // Arrivals uniform over [0, dt), one per day: those entering at s are still in care at dt with
        // probability e^(−h (dt − s)), and are in care (dt − s) days at most.
        const stock = simpson((s) => Math.exp(-h * (dt - s)), dt);
        const occupancy = simpson((s) => (1 - Math.exp(-h * (dt - s))) / h, dt);
        // The projection enters alpha dt before the step (they decay over it) and the rest after it.
        expect(Math.abs(alpha * dt * Math.exp(-events) + (1 - alpha) * dt - stock)).toBeLessThan(1e-9 * stock);
        expect(Math.abs((alpha * dt * (1 - Math.exp(-events))) / h - occupancy)).toBeLessThan(1e-8 * occupancy);
      }),
    );
  });

  it('is 1/2 without hazards, continuous where its series takes over, and within (1/2, 1)', () => {
    expect(arrivalShareBefore(0)).toBe(0.5);
    expect(Math.abs(arrivalShareBefore(1e-3) - arrivalShareBefore(1e-3 + 1e-12))).toBeLessThan(1e-12);
    // The trapezoid rule (1/2) leaves the stock high by about (h dt)² / 12: 0.26% at 4 a year, 16 days.
    const x = (4 * 16) / 365.25;
    const trapezoid = (0.5 * Math.exp(-x) + 0.5) / ((1 - Math.exp(-x)) / x) - 1;
    expect(trapezoid).toBeGreaterThan(0.0025);
    fc.assert(fc.property(fc.double({ min: 0, max: 50, noNaN: true }), (events) => arrivalShareBefore(events) >= 0.5 && arrivalShareBefore(events) < 1));
  });
});
