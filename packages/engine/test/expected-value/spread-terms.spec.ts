import { describe, expect, it } from 'vitest';
import { BlockShapes } from '../../src/expected-value/block-shapes.js';
import { CohortGrid, SETTLED_COHORT_DAYS } from '../../src/expected-value/cohorts.js';
import { acceptedAtOccupancy, waitingAtOccupancy } from '../../src/expected-value/loss.js';

// Session 15's speed changes must not change a value: the closure-free spreads onto a ring of birth
// cohorts (`CohortGrid.spreadRing`, `BlockShapes`) against `CohortGrid.spread` with a callback, and the
// loss tables' reuse of the last look-up against look-ups made in another order. Equality to the bit.

const GRID = new CohortGrid(20_000, 22_000, SETTLED_COHORT_DAYS);
const RING = 16;

/** Intervals of births: within one cohort, across many, on cohort edges, a point. */
function intervals(): [number, number][] {
  const out: [number, number][] = [];
  let seed = 7;
  const next = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const first = GRID.birthStart(3);
  for (let i = 0; i < 200; i++) {
    const lo = first + next() * 3000;
    out.push([lo, lo + next() * (i % 3 === 0 ? 30 : 800)]);
  }
  out.push([GRID.birthStart(10), GRID.birthStart(14)], [GRID.birthStart(10) + 0.25, GRID.birthStart(10) + 0.25], [first + 100, first + 100 + 1e-10]);
  return out;
}

function byCallback(lo: number, hi: number, mass: number, stride: number, at: number): Float64Array {
  const out = new Float64Array(RING * stride + at + 1);
  GRID.spread(lo, hi, mass, (k, share) => {
    out[at + (k % RING) * stride]! += share;
  });
  return out;
}

describe('spreads onto a ring of birth cohorts without a closure', () => {
  it('CohortGrid.spreadRing adds the same shares as CohortGrid.spread, to the bit', () => {
    for (const [lo, hi] of intervals()) {
      for (const [stride, at] of [
        [1, 0],
        [10, 3],
      ] as const) {
        const ring = new Float64Array(RING * stride + at + 1);
        GRID.spreadRing(lo, hi, 2.718281828, ring, at, RING, stride);
        expect([...ring]).toEqual([...byCallback(lo, hi, 2.718281828, stride, at)]);
      }
    }
  });

  it('BlockShapes spreads each block as CohortGrid.spread does, for any mass, to the bit', () => {
    const shapes = new BlockShapes();
    const list = intervals();
    const vectors = new Float64Array(list.length * 3);
    for (let e = 0; e < list.length; e++) for (let j = 0; j < 3; j++) vectors[e * 3 + j] = 0.1 + e + j / 7;
    shapes.reset(0, 1);
    for (let e = 0; e < list.length; e++) shapes.add(vectors, e * 3, list[e]![0], list[e]![1], GRID, RING);
    expect(shapes.count).toBe(list.length);
    for (let j = 0; j < 3; j++) {
      const viaShapes = new Float64Array(RING);
      const viaCallback = new Float64Array(RING);
      for (let e = 0; e < list.length; e++) {
        const m = shapes.mass(e, j);
        expect(m).toBe(vectors[e * 3 + j]);
        shapes.spread(e, m, viaShapes, 0);
        GRID.spread(list[e]![0], list[e]![1], m, (k, share) => {
          viaCallback[k % RING]! += share;
        });
      }
      expect([...viaShapes]).toEqual([...viaCallback]);
    }
  });
});

describe('loss-table look-ups reused from one call to the next', () => {
  const occupancies = [0, 3.2, 7.9, 7.9, 11.5, 11.99, 12.4, 2];

  it('acceptedAtOccupancy gives the same values whatever the calls before it', () => {
    // Whole and non-whole places, each occupancy right after another one for the same places.
    const inOrder = occupancies.flatMap((o) => [acceptedAtOccupancy(12, 0.35, o), acceptedAtOccupancy(12.5, 0.35, o)]);
    // Each value again, with other look-ups in between (other places, probability, occupancy).
    const mixed = occupancies.flatMap((o, i) => {
      acceptedAtOccupancy(12, 0.35, occupancies[(i + 1) % occupancies.length]!);
      const whole = acceptedAtOccupancy(12, 0.35, o);
      acceptedAtOccupancy(12.5, 0.5, o);
      acceptedAtOccupancy(13, 0.35, occupancies[(i + 2) % occupancies.length]!);
      return [whole, acceptedAtOccupancy(12.5, 0.35, o)];
    });
    expect(mixed).toEqual(inOrder);
    // Fewer accepted the fuller the category (the look-up reads the occupancy, not the last one's).
    expect(inOrder[2]!).toBeGreaterThan(inOrder[4]!);
    expect(inOrder[4]!).toBeGreaterThan(inOrder[8]!);
    expect(inOrder[8]!).toBeGreaterThan(inOrder[12]!);
  });

  it('waitingAtOccupancy gives the same values whatever the calls before it', () => {
    const read = (places: number, ratio: number, share: number, o: number): [number, number] => {
      const out = { accepted: 0, filled: 0 };
      waitingAtOccupancy(places, ratio, share, o, out);
      return [out.accepted, out.filled];
    };
    const inOrder = occupancies.map((o) => read(9, 1.3, 0.6, o));
    const mixed = occupancies.map((o, i) => {
      read(9, 1.3, 0.6, occupancies[(i + 3) % occupancies.length]!);
      read(9, 0.7, 0.6, o);
      read(9, 1.3, 0.8, o);
      return read(9, 1.3, 0.6, o);
    });
    expect(mixed).toEqual(inOrder);
    expect(inOrder[1]![0]).toBeGreaterThan(inOrder[4]![0]);
  });
});
