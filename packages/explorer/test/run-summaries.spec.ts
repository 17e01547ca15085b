import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RunColumns, simulate, summarise, summariseDifference, type SimulationRun } from '@carecast/engine';
import { compileScenarioText } from '@carecast/scenario/browser';
import { describe, expect, it } from 'vitest';
import { comparisonRows, selfDifference } from '../src/run-summaries.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const text = readFileSync(`${ROOT}scenarios/baseline.yaml`, 'utf8');

/** The run folded into columns as the page folds it, replication by replication. */
function columnsOf(run: SimulationRun): RunColumns {
  const columns = new RunColumns(run.replications);
  for (let r = 0; r < run.replications; r++) {
    columns.put(r, { dates: run.dates, series: Object.fromEntries(run.keys.map((key) => [key, run.values.get(key)![r]!])), eventsFired: 0 });
  }
  return columns;
}

describe('the explorer\'s summaries of a run compared with itself', () => {
  let run: SimulationRun;
  const runOnce = async (): Promise<SimulationRun> => {
    if (run) return run;
    const { params } = await compileScenarioText('scenarios/baseline.yaml', text, { cwd: '/', readText: async () => text });
    run = await simulate(params, { seed: 3, replications: 7, workers: 1 });
    return run;
  };

  it('are summariseDifference\'s rows, byte for byte', async () => {
    const r = await runOnce();
    const c = columnsOf(r);
    const rows = c.summarise();
    expect(JSON.stringify(rows)).toBe(JSON.stringify(summarise(r)));
    expect(JSON.stringify(selfDifference(c, rows, 'Anytown baseline (edited)'))).toBe(JSON.stringify(summariseDifference(r, r, 'Anytown baseline (edited)')));
    const { compare, baseRows, editedRows } = comparisonRows(c, c, 'x');
    expect(baseRows).toBe(editedRows);
    expect(JSON.stringify(compare)).toBe(JSON.stringify([...summarise(r, { scenario: 'x' }), ...summariseDifference(r, r, 'x')]));
  });

  it('a run holding a value that is not finite goes through summariseDifference (NaN, not 0)', async () => {
    const r = await runOnce();
    const key = r.keys.find((k) => k.startsWith('in_care|total'))!;
    const values = new Map(r.values);
    values.set(key, r.values.get(key)!.map((s, i) => (i === 0 ? Float64Array.from(s, () => Infinity) : s)));
    const odd = { ...r, values };
    const c = columnsOf(odd);
    const rows = selfDifference(c, c.summarise(), 'x');
    expect(rows.some((row) => Number.isNaN(row.mean))).toBe(true);
    expect(JSON.stringify(rows)).toBe(JSON.stringify(summariseDifference(odd, odd, 'x')));
  });

  it('one value that is not a number, in one replication and month, is found from the rows and goes through summariseDifference', async () => {
    const r = await runOnce();
    const key = r.keys.find((k) => k.startsWith('entries|'))!;
    const values = new Map(r.values);
    values.set(key, r.values.get(key)!.map((s, i) => (i === 4 ? s.map((v, d) => (d === 7 ? Number.NaN : v)) : s)));
    const odd = { ...r, values };
    const c = columnsOf(odd);
    const rows = selfDifference(c, c.summarise(), 'x');
    expect(rows.filter((row) => Number.isNaN(row.mean)).length).toBe(1);
    expect(JSON.stringify(rows)).toBe(JSON.stringify(summariseDifference(odd, odd, 'x')));
  });
});
