import { describe, expect, it } from 'vitest';
import { projectExpected, type ModelParameters, type Modifier } from '@carecast/engine';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { REPO } from './helpers.js';

// Duration caps in the expected-value projection (engine README of expected-value, "Duration caps")
// against the simulation, an independent method: Anytown without capacity over three years with one
// cap, 150 replications (seed 1). Every category's projected stock must lie within 3.5 standard
// errors of the simulated mean at 6, 12, 24 and 36 months, and the total within the 95% interval;
// the cap must change the projection (the former projection ignored caps: external residential 27.9
// against a simulated 17.6 at 12 months, z about 25; with survivors decaying at a duration band's
// rate that nobody is in (rate 0) it was 19.7, z 5.1).
const REPLICATIONS = 150;
const MONTHS = [6, 12, 24, 36];
const T_975 = 1.976; // Student t, 149 degrees of freedom

async function anytownWithCap(cap: Modifier): Promise<ModelParameters> {
  const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: REPO });
  const p = structuredClone(params);
  p.supply = { ...p.supply, capacity: {} };
  p.modifiers = [...(p.modifiers ?? []).filter((m) => m.kind !== 'capacity' && m.kind !== 'recruitment' && m.kind !== 'retention'), cap];
  p.end = '2028-03-31';
  return p;
}

function inCare(rows: ReturnType<typeof projectExpected>, category: string, month: number): number {
  return rows.filter((r) => r.metric === 'in_care' && r.category === category)[month]!.mean;
}

const cases: [string, Modifier][] = [
  ['external residential after a year: half move to IFA foster care', { kind: 'duration-cap', from: '2025-04-01', category: 'external_residential', afterDays: 365, probability: 0.5, to: { category: 'ifa_foster' } }],
  ['in-house foster care after two years: 30% go home', { kind: 'duration-cap', from: '2025-04-01', category: 'inhouse_foster', afterDays: 730, probability: 0.3, to: { exit: 'reunification' } }],
];

describe('expected value with a duration cap against the simulation', { timeout: 300_000 }, () => {
  it.each(cases)('%s', async (name, cap) => {
    const params = await anytownWithCap(cap);
    const model = compileModel(params);
    const rows = projectExpected(params, { supply: false });
    const uncapped = projectExpected({ ...params, modifiers: params.modifiers!.filter((m) => m !== cap) }, { supply: false });
    const categories = [...new Set(rows.filter((r) => r.metric === 'in_care').map((r) => r.category))];
    const sum = new Map(categories.map((k) => [k, MONTHS.map(() => 0)]));
    const sumSq = new Map(categories.map((k) => [k, MONTHS.map(() => 0)]));
    for (let r = 0; r < REPLICATIONS; r++) {
      const out = runReplication(model, 1, r);
      for (const k of categories) {
        const v = out.series[`in_care|${k}`];
        if (!v) continue;
        MONTHS.forEach((m, i) => {
          sum.get(k)![i]! += v[m]!;
          sumSq.get(k)![i]! += v[m]! * v[m]!;
        });
      }
    }
    const outside: string[] = [];
    let largest = 0;
    for (const k of categories) {
      MONTHS.forEach((m, i) => {
        const mean = sum.get(k)![i]! / REPLICATIONS;
        const se = Math.sqrt(Math.max(0, sumSq.get(k)![i]! / REPLICATIONS - mean * mean) / (REPLICATIONS - 1));
        const projected = inCare(rows, k, m);
        const z = se > 0 ? Math.abs(projected - mean) / se : Math.abs(projected - mean) > 1e-9 ? Infinity : 0;
        largest = Math.max(largest, z);
        if (z > (k === 'total' ? T_975 : 3.5)) outside.push(`${k} at ${m} months: projected ${projected.toFixed(2)}, simulated ${mean.toFixed(2)} ± ${se.toFixed(2)} (z ${z.toFixed(1)})`);
      });
    }
    console.log(`${name}: largest |z| ${largest.toFixed(2)}`);
    expect(outside).toEqual([]);
    // The cap acts: its category holds at least 5% fewer children after three years than without it.
    const category = model.durationCaps.length === 1 && cap.kind === 'duration-cap' ? cap.category : '';
    expect(inCare(rows, category, 36)).toBeLessThan(0.95 * inCare(uncapped, category, 36));
  });
});
