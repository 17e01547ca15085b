import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectExpected, type ModelParameters } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { REPO } from './helpers.js';

// The expected-value projection against the simulation, an independent method: without capacity every
// child is in its preferred category in both, so the projection's stock must lie within the
// simulation's 95% interval (mean ± t·sd/√n over a fixed-seed run) at every month. Stocks of a
// category are checked against a wider band (|z| < 3.5): with some 100 categories and months per
// scenario, a few fall outside a 95% interval by chance. Months of one run are strongly correlated
// and the shipped scenarios share the seed's initial population, so their z are alike: with seed
// 20261202 the simulated totals sit 2.2-2.4 standard errors low for several months, while seeds 1 and
// 2 with 1,000 replications give |z| <= 1.4 against the same projection. The former projection
// (exponential duration bands) fails the time-in-care case here at |z| 12.6.
const REPLICATIONS = 300;
const MONTHS = 12;
const T_975 = 1.968; // Student t, 299 degrees of freedom

/** The same parameters with capacity switched off (supply levers dropped), over the first MONTHS. */
function withoutCapacity(params: ModelParameters): ModelParameters {
  const p = structuredClone(params);
  p.supply = { ...p.supply, capacity: {} };
  p.modifiers = (p.modifiers ?? []).filter((m) => m.kind !== 'capacity' && m.kind !== 'recruitment' && m.kind !== 'retention');
  const end = new Date(`${p.start}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + MONTHS);
  end.setUTCDate(end.getUTCDate() - 1);
  p.end = end.toISOString().slice(0, 10);
  return p;
}

interface Deviation {
  /** Largest |projection − simulated mean| over the simulation's standard error, total in care. */
  totalZ: number;
  /** The same over every category and month. */
  categoryZ: number;
  outside: string[];
}

function compare(params: ModelParameters): Deviation {
  const model = compileModel(params);
  const rows = projectExpected(params);
  const keys = [...new Set(rows.filter((r) => r.metric === 'in_care').map((r) => `in_care|${r.category}`))];
  const n = model.dates.length;
  const sum = new Map(keys.map((k) => [k, new Float64Array(n)]));
  const sumSq = new Map(keys.map((k) => [k, new Float64Array(n)]));
  for (let r = 0; r < REPLICATIONS; r++) {
    const out = runReplication(model, 1, r);
    for (const k of keys) {
      const v = out.series[k];
      if (!v) continue;
      const s = sum.get(k)!;
      const q = sumSq.get(k)!;
      for (let m = 0; m < n; m++) {
        s[m] = s[m]! + v[m]!;
        q[m] = q[m]! + v[m]! * v[m]!;
      }
    }
  }
  const result: Deviation = { totalZ: 0, categoryZ: 0, outside: [] };
  for (const k of keys) {
    const projected = rows.filter((r) => `${r.metric}|${r.category}` === k);
    for (let m = 1; m < n; m++) {
      const mean = sum.get(k)![m]! / REPLICATIONS;
      const variance = Math.max(0, (sumSq.get(k)![m]! - REPLICATIONS * mean * mean) / (REPLICATIONS - 1));
      const se = Math.sqrt(variance / REPLICATIONS);
      const diff = Math.abs(projected[m]!.mean - mean);
      const z = se > 0 ? diff / se : diff > 1e-9 ? Infinity : 0;
      if (k === 'in_care|total') {
        result.totalZ = Math.max(result.totalZ, z);
        if (z > T_975) result.outside.push(`${k} ${model.dates[m]}: projected ${projected[m]!.mean.toFixed(2)}, simulated ${mean.toFixed(2)} ± ${(T_975 * se).toFixed(2)}`);
      } else {
        result.categoryZ = Math.max(result.categoryZ, z);
        if (z > 3.5) result.outside.push(`${k} ${model.dates[m]}: projected ${projected[m]!.mean.toFixed(2)}, simulated ${mean.toFixed(2)} (z ${z.toFixed(1)})`);
      }
    }
  }
  return result;
}

const scenarios = readdirSync(join(REPO, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

// Each case simulates 300 replications of a year and projects it: seconds, so explicit timeouts.
describe('expected value against simulation, capacity switched off', { timeout: 60_000 }, () => {
  it.each(scenarios)('%s: the projected stock lies in the simulation 95% interval at every month', async (file) => {
    const { params } = await compileScenarioFile(join('scenarios', file), { cwd: REPO });
    const deviation = compare(withoutCapacity(params));
    console.log(`${file}: max |z| in care total ${deviation.totalZ.toFixed(2)}, any category ${deviation.categoryZ.toFixed(2)}`);
    expect(deviation.outside).toEqual([]);
  });

  it('hazards that change with time in care, age and a ramped modifier: within the 95% interval at every month', () => {
    const deviation = compare({
      start: '2025-04-01',
      end: '2026-03-31',
      initialPopulation: {
        counts: [
          { category: 'inhouse_foster', ageBand: '5-9', count: 60, durationBand: 0 },
          { category: 'inhouse_foster', ageBand: '10-15', count: 80 },
          { category: 'kinship_foster', ageBand: '1-4', count: 40, durationBand: 1 },
          { category: 'supported', ageBand: '16-17', count: 30, durationBand: 2 },
        ],
      },
      entries: {
        perYear: { '<1': 40, '1-4': 60, '10-15': 80, '16-17': 40 },
        routeShares: { care_proceedings: 1 },
        firstPlacement: {
          '<1': { inhouse_foster: 1 },
          '1-4': { inhouse_foster: 0.6, kinship_foster: 0.4 },
          '5-9': { inhouse_foster: 1 },
          '10-15': { inhouse_foster: 1 },
          '16-17': { supported: 1 },
        },
      },
      transitions: {
        durationBandsDays: [90, 365],
        rates: [
          { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 4, durationBands: [0] },
          { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.3, durationBands: [1, 2] },
          { from: 'inhouse_foster', to: { category: 'kinship_foster' }, perYear: 1.5, durationBands: [1] },
          { from: 'kinship_foster', to: { exit: 'special_guardianship' }, perYear: 0.8, durationBands: [2] },
          { from: 'kinship_foster', to: { exit: 'reunification' }, perYear: 2, durationBands: [0] },
          { from: 'inhouse_foster', to: { category: 'supported' }, perYear: 1, ageBands: ['16-17'] },
          { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.5 },
        ],
      },
      ageOut: { independent_living: 0.6, staying_put: 0.4 },
      supply: { capacity: {}, fallback: {} },
      costs: { weeklyCost: { inhouse_foster: 700, kinship_foster: 300, supported: 1500 } },
      modifiers: [{ kind: 'hazard', from: '2025-07-01', rampMonths: 3, fromCategories: ['inhouse_foster'], effect: { multiply: 1.5 } }],
    } as ModelParameters);
    console.log(`time in care, age and modifier: max |z| in care total ${deviation.totalZ.toFixed(2)}, any category ${deviation.categoryZ.toFixed(2)}`);
    expect(deviation.outside).toEqual([]);
  });
});
