import type { ReproductionCheck } from '@carecast/data';
import { describe, expect, it } from 'vitest';
import { reproductionText } from '../../src/output/reproduction-text.js';

// The terminal's reproduction table shows observed counts under the threshold as `<N` (the data
// package's one suppression rule), zero and larger counts as they are.
const cell = (category: string, observed: number) => ({ date: '2028-03-31', category, observed, mean: observed + 0.4, p05: Math.max(0, observed - 2), p95: observed + 3, within90: true });

describe('reproductionText', () => {
  const check = { start: '2026-04-01', replications: 20, cells: [cell('adoption', 3), cell('residential', 0), cell('total', 41)], inside: 3, unobserved: [] } as unknown as ReproductionCheck;

  it('shows a small observed count as <N and leaves 0 and larger counts', () => {
    const rows = reproductionText(check, 5, true).split('\n').filter((line) => line.startsWith('  2028-03-31'));
    const observed = rows.map((line) => line.trim().split(/\s+/)[2]);
    expect(observed).toEqual(['<5', '0', '41']);
  });

  it('shows every count when nothing is suppressed', () => {
    const rows = reproductionText(check, 0, true).split('\n').filter((line) => line.startsWith('  2028-03-31'));
    expect(rows.map((line) => line.trim().split(/\s+/)[2])).toEqual(['3', '0', '41']);
  });
});
