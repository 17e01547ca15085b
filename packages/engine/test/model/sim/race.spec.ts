import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { log } from '../../../src/random/exact-math.js';
import { transitionBefore } from '../../../src/model/sim/race.js';

// The oracle is the computation the model made before the shortcut: the transition's time in full,
// compared with the known time. The shortcut must decide every race the same way and, when the
// transition wins, give the same time to the bit.

const full = (now: number, u: number, h: number): number => now - log(1 - u) / h;

/** The next double above (step 1) or below (step -1) a positive finite x. */
function neighbour(x: number, step: 1 | -1): number {
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] = b[0]! + BigInt(step);
  return f[0]!;
}

/** A uniform as the model's streams give it: a multiple of 2^-32 in [0, 1). */
const uniform = fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((k) => k / 2 ** 32);
/** Hazards from 1e-6 to 10 per day, log-uniform. */
const hazard = fc.double({ min: -6, max: 1, noNaN: true }).map((e) => 10 ** e);
/** Days from 0 to 100,000 (the model's clock counts days from 1970), whole or not. */
const day = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 100_000, noNaN: true }));

function expectSameRace(now: number, u: number, h: number, t: number): void {
  const x = full(now, u, h);
  const y = transitionBefore(now, u, h, t);
  expect(y < t, `now ${now}, u ${u}, h ${h}, t ${t}`).toBe(x < t);
  if (x < t) expect(Object.is(y, x)).toBe(true);
}

describe('transitionBefore (the race between an exponential transition and a known time)', () => {
  it('decides the race as the full computation does, for known times anywhere after now', () => {
    fc.assert(
      fc.property(day, uniform, hazard, fc.double({ min: 0, max: 20_000, noNaN: true }), (now, u, h, ahead) => {
        expectSameRace(now, u, h, now + ahead);
      }),
      { numRuns: 20_000 },
    );
  });

  it('decides near-ties as the full computation does: the known time at the transition time and its neighbours', () => {
    fc.assert(
      fc.property(day, uniform, hazard, (now, u, h) => {
        const x = full(now, u, h);
        if (!(x > 0 && x < Infinity)) return;
        for (const t of [x, neighbour(x, 1), neighbour(x, -1)]) expectSameRace(now, u, h, t);
      }),
      { numRuns: 20_000 },
    );
  });

  it('decides the race as the full computation does where the shortcut stops applying (u / h near t - now)', () => {
    fc.assert(
      fc.property(day, uniform.filter((u) => u > 0), hazard, fc.double({ min: -1e-9, max: 1e-9, noNaN: true }), (now, u, h, rel) => {
        const t = now + (u / h) * (1 + rel);
        expectSameRace(now, u, h, t);
        expectSameRace(now, u, h, neighbour(t, 1));
        expectSameRace(now, u, h, neighbour(t, -1));
      }),
      { numRuns: 20_000 },
    );
  });

  it('skips the logarithm when the uniform alone shows the known time comes first', () => {
    // -ln(1 - 0.5) = 0.69 days at 1 a day: a known time 0.1 days ahead wins, and 0.5 / 1 > 0.1 shows it.
    expect(transitionBefore(1000, 0.5, 1, 1000.1)).toBe(Infinity);
    // A known time 0.6 days ahead: 0.5 < 0.6, so the logarithm is taken (the known time still wins).
    expect(transitionBefore(1000, 0.5, 1, 1000.6)).toBe(full(1000, 0.5, 1));
    // A known time 1 day ahead: the transition wins, at the full computation's time.
    expect(transitionBefore(1000, 0.5, 1, 1001)).toBe(full(1000, 0.5, 1));
    // No known time: always the full computation.
    expect(transitionBefore(1000, 0.999, 1e-6, Infinity)).toBe(full(1000, 0.999, 1e-6));
  });
});
