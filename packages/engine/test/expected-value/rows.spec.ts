import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/compile/compile-model.js';
import { projectCompiledModel } from '../../src/expected-value/projection.js';
import { singleRunRows } from '../../src/expected-value/rows.js';
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

  it('rejects a key outside the contract as assembleRun does', () => {
    const out: ReplicationSeries = { dates: ['2025-04-01'], series: { 'not_a_metric|x': Float64Array.of(1) }, eventsFired: 0 };
    expect(() => singleRunRows(out)).toThrow(/not_a_metric/);
  });
});
