// Suppression property: for generated data, no published number, no product of published numbers and no
// published identity (a total and its parts, a stock and its flows) gives back a suppressed count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLACEMENT_CATEGORIES } from '@carecast/engine';
import {
  DROP_REASONS,
  qualityPageHtml,
  shareableBacktest,
  shareableReturns,
  type BacktestRow,
  type DataQualitySummary,
  type ReturnSummary,
  type Shown,
} from '../src/index.js';

/** Counts with many small ones: the cases suppression is for. */
const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 400 }));

const returnsArb = fc
  .record({
    las: fc.integer({ min: 1, max: 2 }),
    years: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(
      fc.record({
        used: count,
        merged: count,
        excluded: count,
        dropped: fc.array(count, { minLength: DROP_REASONS.length, maxLength: DROP_REASONS.length }),
        inCare: count,
        entries: count,
        exits: count,
        vanished: count,
      }),
      { minLength: 8, maxLength: 8 },
    ),
  })
  .map(({ las, years, rows }) => {
    const out: ReturnSummary[] = [];
    for (let l = 0; l < las; l++) {
      for (let y = 0; y < years; y++) {
        const r = rows[(l * years + y) % rows.length]!;
        const dropped = Object.fromEntries(DROP_REASONS.map((k, i) => [k, r.dropped[i]!]).filter(([, n]) => (n as number) > 0));
        const d = Object.values(dropped).reduce((s: number, n) => s + (n as number), 0);
        out.push({
          la: `L${l}`,
          year: 2020 + y,
          yearEnd: `${2020 + y}-03-31`,
          rowsRead: r.used + r.merged + r.excluded + d,
          used: r.used,
          merged: r.merged,
          excluded: r.excluded,
          dropped,
          inCare: r.inCare,
          entries: r.entries,
          exits: r.exits,
          vanished: r.vanished,
        });
      }
    }
    return out;
  });

const unknown = (s: Shown | null): boolean => typeof s === 'string';
const published = (cells: readonly (Shown | null | number)[]): number[] => cells.filter((c): c is number => typeof c === 'number');

/** Every published number is 0 or at least `k`, so neither it nor a product of two reveals a count from 1 to k-1. */
function expectNothingSmall(numbers: readonly number[], k: number): void {
  const small = numbers.filter((n) => n > 0 && n < k);
  expect(small, 'published counts under the threshold').toEqual([]);
  const values = [...new Set(numbers)];
  const products: number[] = [];
  for (const a of values) for (const b of values) if (a * b > 0 && a * b < k) products.push(a * b);
  expect(products, 'products of published numbers under the threshold').toEqual([]);
}

/** An identity among published terms gives a suppressed one back only when it has exactly one unknown term. */
const unknownsIn = (terms: readonly (Shown | null)[]): number => terms.filter(unknown).length;

describe('shared outputs never give back a suppressed count', () => {
  it('per-return figures: no small number, no product, no identity with one unknown', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(returnsArb, fc.integer({ min: 3, max: 11 }), (returns, k) => {
        const shared = shareableReturns(returns, k);
        const numbers: number[] = [];
        shared.forEach((s, i) => {
          const r = returns[i]!;
          const reasons = DROP_REASONS.filter((x) => (r.dropped[x] ?? 0) > 0).map((x) => s.dropped[x]!);
          numbers.push(...published([s.rowsRead, s.used, s.merged, s.excluded, s.droppedTotal, ...reasons, s.inCare, s.entries, s.exits, s.vanished]));
          // Every suppressed count is shown as <k, never as a number.
          for (const [shown, exact] of [[s.used, r.used], [s.merged, r.merged], [s.inCare, r.inCare], [s.entries, r.entries]] as const) {
            if (exact !== null && exact > 0 && exact < k) expect(shown).toBe(`<${k}`);
          }
          const rowUnknowns = unknownsIn([s.rowsRead, s.used, s.merged, s.excluded, s.droppedTotal]);
          expect(rowUnknowns === 0 || rowUnknowns >= 2).toBe(true);
          const dropUnknowns = unknownsIn([s.droppedTotal, ...reasons]);
          expect(dropUnknowns === 0 || dropUnknowns >= 2).toBe(true);
          const prev = i > 0 && shared[i - 1]!.la === s.la ? shared[i - 1]! : undefined;
          if (prev) {
            const flowUnknowns = unknownsIn([prev.inCare, s.inCare, s.entries, s.exits, s.vanished]);
            expect(flowUnknowns === 0 || flowUnknowns >= 2).toBe(true);
          }
        });
        expectNothingSmall(numbers, k);
        // The page shows the same: no table cell holds a count from 1 to k-1.
        const quality: DataQualitySummary = { issues: [{ kind: 'short-row', count: 3, examples: ['x.csv:2:3: short'] }], exclusions: {}, rows: { header: 0, episodes: 0, uasc: 0 }, returns, dropped: {} };
        const html = qualityPageHtml({ title: 'T', subtitle: 's', returns, quality, suppressBelow: k });
        const cells = [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!).filter((t) => /^\d+$/.test(t)).map(Number);
        expectNothingSmall(cells, k);
        expect(html).not.toContain('x.csv:2:3');
      }),
      { numRuns: 100 },
    );
  });

  it('backtest rows: the total minus the published categories gives no single category back', () => {
    const rowsArb = fc.array(count, { minLength: PLACEMENT_CATEGORIES.length, maxLength: PLACEMENT_CATEGORIES.length }).map((actuals) => {
      const row = (category: BacktestRow['category'], actual: number): BacktestRow => ({
        date: '2025-03-31', category, actual, forecastMean: actual + 1.5, forecastP05: actual - 3, forecastP25: actual - 1, forecastP75: actual + 2, forecastP95: actual + 4, expected: actual + 1, error: 1.5, expectedError: 1, within90: true, within50: true, vanished: 0,
      });
      const rows = PLACEMENT_CATEGORIES.map((c, i) => row(c, actuals[i]!));
      rows.push(row('total', actuals.reduce((a, b) => a + b, 0)));
      return rows;
    });
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 3, max: 11 }), (rows, k) => {
        const shared = shareableBacktest({ rows, errors: [] }, k).rows;
        const actuals = shared.map((r) => r.actual);
        expectNothingSmall(published(actuals), k);
        // total = sum of categories: the withheld ones are at least two, sum to k or more and are not all ones.
        const hidden = rows.filter((r, i) => r.category !== 'total' && unknown(shared[i]!.actual));
        const totalShown = typeof shared.at(-1)!.actual === 'number';
        if (hidden.length > 0 && totalShown) {
          const sum = hidden.reduce((s, r) => s + r.actual, 0);
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(sum).toBeGreaterThanOrEqual(k);
          expect(sum).toBeGreaterThan(hidden.length);
        }
        // A withheld actual takes its error with it (forecast - error would give it back).
        shared.forEach((r) => {
          if (unknown(r.actual)) expect([r.error, r.expectedError, r.within90]).toEqual(['withheld', 'withheld', 'withheld']);
        });
      }),
      { numRuns: 200 },
    );
  });
});
