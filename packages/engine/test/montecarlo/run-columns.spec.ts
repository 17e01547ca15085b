import { describe, expect, it } from 'vitest';
import { RunColumns } from '../../src/montecarlo/run-columns.js';
import { simulate, simulateInto } from '../../src/montecarlo/simulate.js';
import { assembleRun, type ReplicationSeries } from '../../src/montecarlo/assemble.js';
import { summarise, summariseDifference } from '../../src/results/summarise.js';
import { mixedAuthority } from './parameters-fixture.js';

// Worker threads run the built dist/montecarlo/worker.js (see worker-url.ts): build before testing.
// The oracle is the engine's `summarise` and `summariseDifference` of `simulate`'s gathered run: the
// columns must give their rows byte for byte, whatever the order the replications arrive in.

const base = mixedAuthority('2026-09-30');
// More entries and a cost of its own: another model, with series the baseline lacks (its categories).
const edited = { ...base, entries: { ...base.entries, perYear: { '<1': 14, '5-9': 4, '10-15': 20, '16-17': 9 } }, costs: { weeklyCost: { ...base.costs.weeklyCost, ifa_foster: 990 } } };
const R = 41;
/** Three blocks of 64, the last partly filled. */
const R2 = 150;

describe('RunColumns: a run folded into month-major columns as its replications arrive', () => {
  it('gives summarise\'s and summariseDifference\'s rows, byte for byte, on one thread and on two workers', async () => {
    const baseRun = await simulate(base, { seed: 5, replications: R, workers: 1 });
    const editedRun = await simulate(edited, { seed: 5, replications: R, workers: 1 });
    for (const workers of [1, 2]) {
      const b = new RunColumns(R);
      const e = new RunColumns(R);
      await simulateInto(base, { seed: 5, replications: R, workers }, b);
      await simulateInto(edited, { seed: 5, replications: R, workers }, e);
      expect(JSON.stringify(b.summarise()), `workers ${workers}`).toBe(JSON.stringify(summarise(baseRun)));
      expect(JSON.stringify(e.summarise('x'))).toBe(JSON.stringify(summarise(editedRun, { scenario: 'x' })));
      expect(JSON.stringify(RunColumns.difference(b, e, 'x'))).toBe(JSON.stringify(summariseDifference(baseRun, editedRun, 'x')));
      expect(JSON.stringify(RunColumns.difference(e, b, 'y'))).toBe(JSON.stringify(summariseDifference(editedRun, baseRun, 'y')));
      expect(b.eventsFired()).toBe(baseRun.eventsFired);
      expect(b.keys()).toEqual(baseRun.keys);
      expect(b.dates).toEqual(baseRun.dates);
    }
  });

  it('takes replications in any order, a series some lack counting zero in them (as assembleRun makes it)', async () => {
    const run = await simulate(base, { seed: 9, replications: R2, workers: 1 });
    const outputs: ReplicationSeries[] = Array.from({ length: R2 }, (_, r) => {
      const series: Record<string, Float64Array> = {};
      for (const key of run.keys) series[key] = run.values.get(key)![r]!;
      return { dates: run.dates, series, eventsFired: 1 };
    });
    // Replication 3 lacks one series; a series of replication 130 only (in the third block, the others never made).
    const lacking = run.keys.find((k) => k.startsWith('in_care|total'))!;
    delete outputs[3]!.series[lacking];
    outputs[130]!.series['entries|only_here'] = Float64Array.from(run.dates, (_, d) => d % 3);
    const columns = new RunColumns(R2);
    const order = Array.from({ length: R2 }, (_, r) => (r * 17) % R2).reverse();
    for (const r of order) columns.put(r, outputs[r]!);
    // The oracle: the same outputs gathered the usual way (assembleRun: a series a replication lacks is zeros there).
    const assembled = assembleRun(outputs, 9, []);
    expect(JSON.stringify(columns.summarise())).toBe(JSON.stringify(summarise(assembled)));
    expect(JSON.stringify(RunColumns.difference(columns, columns, 'z'))).toBe(JSON.stringify(summariseDifference(assembled, assembled, 'z')));
    expect(columns.eventsFired()).toBe(R2);
    expect(assembled.values.get(lacking)![3]!.every((v) => v === 0)).toBe(true);
    expect(assembled.keys).toContain('entries|only_here');
  });

  it('refuses a replication twice, out of range, or summaries before every replication is in', async () => {
    const run = await simulate(base, { seed: 1, replications: 2, workers: 1 });
    const out = (r: number): ReplicationSeries => ({ dates: run.dates, series: Object.fromEntries(run.keys.map((k) => [k, run.values.get(k)![r]!])), eventsFired: 0 });
    const columns = new RunColumns(2);
    columns.put(1, out(1));
    expect(() => columns.summarise()).toThrow(/1 of 2 replications/);
    expect(() => columns.put(1, out(1))).toThrow(/replication 1/);
    expect(() => columns.put(2, out(0))).toThrow(/replication 2/);
    await expect(simulateInto(base, { seed: 1, replications: 3, workers: 1 }, new RunColumns(2))).rejects.toThrow(/sink holds 2/);
  });
});
