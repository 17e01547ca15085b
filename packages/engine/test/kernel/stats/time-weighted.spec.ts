import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeWeighted } from '../../../src/kernel/stats/time-weighted.js';

describe('TimeWeighted', () => {
  it('time average equals the hand-computed value', () => {
    // Level 2 on [0, 3), 5 on [3, 4), 0 on [4, 10): integral 6 + 5 + 0 = 11 level-days over 10 days.
    const occupied = new TimeWeighted(0, 2);
    occupied.set(3, 5);
    occupied.add(4, -5);
    expect(occupied.integral(10)).toBe(11);
    expect(occupied.mean(10)).toBe(1.1);
    // E[L^2] = (4*3 + 25*1) / 10 = 3.7; variance 3.7 - 1.21 = 2.49.
    expect(occupied.variance(10)).toBeCloseTo(2.49, 12);
    expect(occupied.min).toBe(0);
    expect(occupied.max).toBe(5);
    expect(occupied.level).toBe(0);
  });

  it('a level changed twice at the same time counts only the last value', () => {
    const waiting = new TimeWeighted(10, 1);
    waiting.set(12, 7);
    waiting.set(12, 3);
    expect(waiting.integral(14)).toBe(2 + 6);
    expect(waiting.mean(14)).toBe(2);
  });

  it('reset after a warm-up forgets the history but keeps the level', () => {
    const inCare = new TimeWeighted(0, 100);
    inCare.set(30, 200);
    inCare.reset(50);
    inCare.set(60, 0);
    expect(inCare.integral(70)).toBe(2000);
    expect(inCare.mean(70)).toBe(100);
    expect(inCare.start).toBe(50);
  });

  it('the integral equals the sum of level times duration for any step function', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: -20, max: 20 })), { maxLength: 50 }),
        fc.integer({ min: 0, max: 100 }),
        (steps, tail) => {
          const level = new TimeWeighted(0, 0);
          let t = 0;
          let current = 0;
          let expected = 0;
          for (const [dt, value] of steps) {
            expected += current * dt;
            t += dt;
            current = value;
            level.set(t, value);
          }
          expected += current * tail;
          expect(level.integral(t + tail)).toBe(expected);
          if (t + tail > 0) expect(level.mean(t + tail)).toBeCloseTo(expected / (t + tail), 12);
        },
      ),
    );
  });

  it('rejects times that go back and reports NaN when no time has passed', () => {
    const level = new TimeWeighted(5, 1);
    expect(level.mean()).toBeNaN();
    level.set(6, 2);
    expect(() => level.set(5.5, 3)).toThrow(RangeError);
    expect(() => level.integral(1)).toThrow(RangeError);
  });
});
