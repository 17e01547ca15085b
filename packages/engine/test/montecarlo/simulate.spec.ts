import { describe, expect, it } from 'vitest';
import { runShared, simulate } from '../../src/montecarlo/simulate.js';
import { assembleRun, type ReplicationSeries } from '../../src/montecarlo/assemble.js';
import { compileModel, runReplication } from '../../src/montecarlo/model-api.js';
import type { SimulationRun } from '../../src/montecarlo/types.js';
import { summarise } from '../../src/results/summarise.js';
import { toResults } from '../../src/results/to-results.js';
import type { ModelParameters } from '../../src/model/parameters.js';
import { mixedAuthority } from './parameters-fixture.js';

// Worker threads run the built dist/montecarlo/worker.js (see worker-url.ts): build before testing.

/** Some of everything that draws random numbers: entries, moves, exits, capacity, waiting, ageing. */
const params: ModelParameters = mixedAuthority('2026-03-31');

const resultsJson = (run: SimulationRun, seed: number): string =>
  JSON.stringify(
    toResults(
      { scenarioName: 'T', source: 't.yaml', seed, replications: run.replications, start: params.start, end: params.end, version: '0.0.0' },
      summarise(run),
    ),
  );

const json = async (workers: number | undefined, seed = 7): Promise<string> =>
  resultsJson(await simulate(params, { seed, replications: 12, ...(workers !== undefined ? { workers } : {}) }), seed);

/** Replications shared between this thread (from `first`) and `workers` threads claiming from one counter. */
async function sharedJson(first: number, workers: number, seed = 7): Promise<{ json: string; progress: number[] }> {
  const model = compileModel(params);
  const outputs: ReplicationSeries[] = new Array<ReplicationSeries>(12);
  for (let r = 0; r < first; r++) outputs[r] = runReplication(model, seed, r);
  const progress: number[] = [];
  let done = first;
  await runShared(params, model, seed, outputs, first, workers, () => progress.push(++done));
  return { json: resultsJson(assembleRun(outputs, seed, [...model.warnings]), seed), progress };
}

describe('simulate', () => {
  it('gives byte-identical results with 1, 2 and 3 workers', async () => {
    const one = await json(1);
    expect(await json(2)).toBe(one);
    expect(await json(3)).toBe(one);
  });

  it('gives byte-identical results by default (adaptive) and when threads share replications from a counter', async () => {
    const one = await json(1);
    expect(await json(undefined)).toBe(one);
    const shared = await sharedJson(2, 2);
    expect(shared.json).toBe(one);
    expect(shared.progress).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await sharedJson(0, 1)).json).toBe(one);
  });

  it('gives different results for different seeds', async () => {
    expect(await json(1, 8)).not.toBe(await json(1, 7));
  });

  it('reports progress once per replication, ending at the total', async () => {
    const seen: number[] = [];
    await simulate(params, { seed: 1, replications: 5, workers: 2, onProgress: (done, total) => seen.push(done * 100 + total) });
    expect(seen).toEqual([105, 205, 305, 405, 505]);
  });

  it('rejects with the failing replications and the cause when a worker cannot run', async () => {
    // A value that cannot be cloned to a worker thread makes the first worker fail to start.
    const unclonable = { ...params, note: () => 'not data' } as unknown as ModelParameters;
    const failure = simulate(unclonable, { seed: 1, replications: 4, workers: 2 });
    await expect(failure).rejects.toThrow(/worker for replications 0-1 failed/);
    await expect(failure).rejects.toHaveProperty('cause');
  });

  it('a shared run rejects with the cause when a worker cannot start or a replication fails in it', async () => {
    const model = compileModel(params);
    const unclonable = { ...params, note: () => 'not data' } as unknown as ModelParameters;
    const cannotStart = runShared(unclonable, model, 1, new Array<ReplicationSeries>(4), 0, 1, () => undefined);
    await expect(cannotStart).rejects.toThrow(/simulate: could not start a worker/);
    await expect(cannotStart).rejects.toHaveProperty('cause');
    // The worker builds its own model from the parameters, which it refuses: its failure stops this
    // thread's share (far more replications than it could run before the worker starts) and reaches the caller.
    const refused = runShared({ ...params, end: 'never' }, model, 1, new Array<ReplicationSeries>(100_000), 0, 1, () => undefined);
    await expect(refused).rejects.toThrow(/simulate: a worker failed: .*end/);
  });

  it('rejects parameters the model refuses, and bad options', async () => {
    await expect(simulate({ ...params, end: 'never' }, { seed: 1, replications: 2, workers: 2 })).rejects.toThrow(/end/);
    await expect(simulate(params, { seed: 1, replications: 0 })).rejects.toThrow(/replications/);
    await expect(simulate(params, { seed: 1, replications: 2, workers: 0 })).rejects.toThrow(/workers/);
  });
});
