import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/compile/compile-model.js';
import { runReplication } from '../../src/model/sim/replication.js';
import { projectCompiledModel } from '../../src/expected-value/projection.js';
import { AGE_BANDS } from '../../src/model/domain/age-bands.js';
import { midSizeAuthority } from '../model/fixtures.js';

// Runs an expected-value projection: seconds under a loaded machine, so an explicit timeout.
describe('runReplication against the expected-value projection', { timeout: 60_000 }, () => {
  it('Monte Carlo means of stocks and flows agree with the independent Markov cohort projection when nothing is capacity-limited', () => {
    const params = midSizeAuthority(2);
    params.supply.capacity = {};
    const model = compileModel(params);
    const expected = projectCompiledModel(model).series;
    const keys = [
      'in_care|total',
      'in_care|inhouse_foster',
      'in_care|supported',
      ...AGE_BANDS.map((b) => `in_care_by_age|${b}`),
      'entries|total',
      'entries_by_age|10-15',
      'exits|total',
      'exits|reunification',
    ];
    const reps = 60;
    const n = model.dates.length;
    const sum = new Map(keys.map((k) => [k, new Float64Array(n)]));
    const sumSq = new Map(keys.map((k) => [k, new Float64Array(n)]));
    for (let r = 0; r < reps; r++) {
      const out = runReplication(model, 17, r);
      for (const k of keys) {
        const v = out.series[k]!;
        const s = sum.get(k)!;
        const q = sumSq.get(k)!;
        for (let m = 0; m < n; m++) {
          s[m] = s[m]! + v[m]!;
          q[m] = q[m]! + v[m]! * v[m]!;
        }
      }
    }
    const off: string[] = [];
    for (const k of keys) {
      for (let m = 0; m < n; m++) {
        const mean = sum.get(k)![m]! / reps;
        const se = Math.sqrt(Math.max(0, sumSq.get(k)![m]! / reps - mean * mean) / (reps - 1));
        const ev = expected[k]![m]!;
        // Four standard errors of the Monte Carlo mean, plus 1% for the projection's discretisation.
        if (Math.abs(mean - ev) > 4 * se + 0.01 * Math.abs(ev) + 1e-9) off.push(`${k} ${model.dates[m]}: simulated ${mean.toFixed(2)}, projected ${ev.toFixed(2)}`);
      }
    }
    expect(off).toEqual([]);
  });
});
