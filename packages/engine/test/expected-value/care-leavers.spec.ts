import { describe, expect, it } from 'vitest';
import { compileModel } from '../../src/model/compile/compile-model.js';
import { runReplication } from '../../src/model/sim/replication.js';
import { projectExpected } from '../../src/expected-value/project-expected.js';
import { ACCOMMODATIONS, CARE_LEAVER_AGES } from '../../src/model/domain/care-leavers.js';
import type { ModelParameters } from '../../src/model/parameters.js';
import { midSizeAuthority } from '../model/fixtures.js';

describe('expected care leavers', () => {
  it('agree with the simulation (no capacity): the total within 3 standard errors, every state and age within 4 or 1% (birth cohorts of a 52nd of a year)', () => {
    const p: ModelParameters = midSizeAuthority(3);
    p.supply.capacity = {};
    p.careLeavers = { endAgeYears: 22, stayingPut: { takeUp: { inhouse_foster: 0.5, ifa_foster: 0.4 } } };
    p.modifiers = [...(p.modifiers ?? []), { kind: 'staying-put', from: '2026-04-01', rampMonths: 6, moveOn: { multiply: 0.5 } }];
    const model = compileModel(p);
    const expected = projectExpected(p);
    const R = 200;
    const keys = [...ACCOMMODATIONS.map((a) => `care_leavers|${a}`), ...CARE_LEAVER_AGES.map((g) => `care_leavers_by_age|${g}`), 'care_leavers|total', 'staying_put_places_held|total'];
    const runs = Array.from({ length: R }, (_, r) => runReplication(model, 1, r).series);
    let worst = 0;
    for (const key of keys) {
      for (const i of [3, 12, 24, 36]) {
        const xs = runs.map((s) => s[key]![i]!);
        const mean = xs.reduce((a, b) => a + b, 0) / R;
        const se = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1) / R);
        const ev = expected.find((row) => `${row.metric}|${row.category}` === key && row.date === model.dates[i])!.mean;
        if (se === 0) {
          expect(ev).toBeCloseTo(mean, 6);
          continue;
        }
        const z = Math.abs(ev - mean) / se;
        worst = Math.max(worst, z);
        if (key === 'care_leavers|total') expect(z, `${key} at ${model.dates[i]}: expected ${ev}, simulated ${mean} ± ${se}`).toBeLessThan(3);
        else expect(Math.abs(ev - mean), `${key} at ${model.dates[i]}: expected ${ev}, simulated ${mean} ± ${se}`).toBeLessThan(Math.max(4 * se, 0.01 * mean));
      }
    }
    expect(worst).toBeGreaterThan(0);
  }, 120_000);
});
