import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulate, summarise, summariseDifference, type SimulationRun } from '@carecast/engine';
import { compareSeriesKeys } from '@carecast/engine/advanced';
import { compileScenarioText } from '@carecast/scenario/browser';
import { describe, expect, it } from 'vitest';
import { packPart, partRun, slices } from '../src/summary-parts.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const text = (name: string): string => readFileSync(`${ROOT}scenarios/${name}`, 'utf8');

async function run(name: string, seed: number): Promise<SimulationRun> {
  const { params } = await compileScenarioText(`scenarios/${name}`, text(name), { cwd: '/', readText: async (path) => text(path.slice(path.lastIndexOf('/') + 1)) });
  return simulate(params, { seed, replications: 9, workers: 1 });
}

/** A part as a summary worker receives it: packed, its buffer copied as a transfer would move it. */
const moved = (r: SimulationRun, keys: string[]): SimulationRun => {
  const part = packPart(r, keys);
  return partRun(r.dates, r.replications, { keys: part.keys, values: new Float64Array(part.values) });
};

describe('a run\'s summaries split by series', () => {
  it('slices cover the keys in order, each once, as evenly as the count allows', () => {
    const keys = Array.from({ length: 11 }, (_, i) => `k${i}`);
    for (const count of [1, 2, 3, 4, 11, 12]) {
      const cut = slices(keys, count);
      expect(cut).toHaveLength(count);
      expect(cut.flat()).toEqual(keys);
      const lengths = cut.map((s) => s.length);
      expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    }
  });

  it('summarised slice by slice from packed parts, end to end: summarise\'s rows, byte for byte', async () => {
    const r = await run('baseline.yaml', 5);
    const whole = JSON.stringify(summarise(r));
    for (const count of [1, 2, 3, 5]) {
      const rows = slices(r.keys, count).flatMap((slice) => summarise(moved(r, slice)));
      expect(JSON.stringify(rows) === whole, `${count} slices`).toBe(true);
    }
  });

  it('packed into a buffer given back (holding other values, larger than needed): the same rows', async () => {
    const r = await run('baseline.yaml', 5);
    const [first, second] = slices(r.keys, 2);
    const dirty = new Float64Array(r.keys.length * r.replications * r.dates.length).fill(Number.NaN).buffer;
    const part = packPart(r, second!, dirty);
    expect(part.values.buffer).toBe(dirty);
    expect(JSON.stringify(summarise(partRun(r.dates, r.replications, part)))).toBe(JSON.stringify(summarise(moved(r, second!))));
    // A buffer too small is not used.
    expect(packPart(r, first!, new ArrayBuffer(8)).values.byteLength).toBe(first!.length * r.replications * r.dates.length * 8);
  });

  it('differences of two scenarios slice by slice: summariseDifference\'s rows, byte for byte', async () => {
    const base = await run('baseline.yaml', 5);
    const edited = await run('early-help-25.yaml', 5);
    // The scenario's lever adds series the baseline lacks (zeros there): slices of the union of both.
    expect(edited.keys.some((k) => !base.keys.includes(k))).toBe(true);
    const keys = [...new Set([...base.keys, ...edited.keys])].sort(compareSeriesKeys);
    const whole = JSON.stringify(summariseDifference(base, edited, 'x'));
    expect(JSON.stringify(summariseDifference(base, base, 'x'))).not.toBe(whole);
    for (const count of [2, 3, 4]) {
      const rows = slices(keys, count).flatMap((slice) => summariseDifference(moved(base, slice), moved(edited, slice), 'x'));
      expect(JSON.stringify(rows) === whole, `${count} slices`).toBe(true);
    }
  });
});
