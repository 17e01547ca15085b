import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/compile/compile-model.js';
import { projectCompiledModel } from '../../src/expected-value/projection.js';
import { ROW_SHAPE, singleRunRows } from '../../src/expected-value/rows.js';
import { assembleRun, type ReplicationSeries } from '../../src/montecarlo/assemble.js';
import { summarise } from '../../src/results/summarise.js';
import { midSizeAuthority } from '../model/fixtures.js';

const viaSummarise = (out: ReplicationSeries) => summarise(assembleRun([out], 0, []));

describe('singleRunRows', { timeout: 60_000 }, () => {
  it('writes the rows summarise writes for one replication, value for value (signed zeros, fractions, whole numbers)', () => {
    const out: ReplicationSeries = {
      dates: ['2025-04-01', '2025-04-30', '2025-05-31'],
      series: {
        'in_care|ifa_foster': Float64Array.of(-0, 0.5, 3),
        'in_care|total': Float64Array.of(2, 1e300, -4.25),
        'exits|total': Float64Array.of(7, -0, 1 / 3),
        'cost|kinship_foster': Float64Array.of(0, 12345.678, 2 ** 53),
      },
      eventsFired: 0,
    };
    expect(singleRunRows(out)).toStrictEqual(viaSummarise(out));
  });

  it('equals summarise of the supply-aware projection of a mid-size authority, row for row', () => {
    const out = projectCompiledModel(compileModel(midSizeAuthority()), { supply: true });
    const rows = singleRunRows(out);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows).toStrictEqual(viaSummarise(out));
    expect(JSON.stringify(rows)).toBe(JSON.stringify(viaSummarise(out)));
  });

  it('orders each call by its own keys (the order of the last call is reused only for the same keys)', () => {
    const dates = ['2025-04-01', '2025-04-30'];
    const calls: Record<string, Float64Array>[] = [
      { 'in_care|total': Float64Array.of(1, 2), 'exits|total': Float64Array.of(3, 4), 'cost|total': Float64Array.of(5, 6) },
      { 'exits|adoption': Float64Array.of(1, 2), 'in_care|ifa_foster': Float64Array.of(3, 4), 'entries|total': Float64Array.of(5, 6) },
      { 'cost|total': Float64Array.of(5, 6), 'in_care|total': Float64Array.of(1, 2), 'exits|total': Float64Array.of(3, 4) },
      { 'in_care|total': Float64Array.of(7, 8), 'exits|total': Float64Array.of(9, 10), 'cost|total': Float64Array.of(11, 12) },
    ];
    for (const series of calls) {
      const out: ReplicationSeries = { dates, series, eventsFired: 0 };
      expect(singleRunRows(out)).toStrictEqual(viaSummarise(out));
    }
    const bad: ReplicationSeries = { dates, series: { 'in_care|total': Float64Array.of(1, 2), 'exits|total': Float64Array.of(3, 4), 'not_a_metric|x': Float64Array.of(5, 6) }, eventsFired: 0 };
    expect(() => singleRunRows(bad)).toThrow(/not_a_metric/);
  });

  it('writes rows with the keys of ROW_SHAPE in its order (the shape whose fields are tagged, so that a row\'s statistics share one number)', () => {
    const out: ReplicationSeries = { dates: ['2025-04-01', '2025-04-30'], series: { 'in_care|total': Float64Array.of(1.5, 2.5) }, eventsFired: 0 };
    for (const row of singleRunRows(out)) expect(Object.keys(row)).toEqual(Object.keys(ROW_SHAPE));
  });

  it('rejects a key outside the contract as assembleRun does', () => {
    const out: ReplicationSeries = { dates: ['2025-04-01'], series: { 'not_a_metric|x': Float64Array.of(1) }, eventsFired: 0 };
    expect(() => singleRunRows(out)).toThrow(/not_a_metric/);
  });
});
