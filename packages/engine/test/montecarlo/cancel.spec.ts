import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/montecarlo/simulate.js';
import { mixedAuthority } from './parameters-fixture.js';

// Worker threads run the built dist/montecarlo/worker.js (see worker-url.ts): build before testing.
const params = mixedAuthority('2026-03-31');

describe('simulate with an AbortSignal', () => {
  it('rejects at once when the signal is already aborted, running nothing', async () => {
    let progress = 0;
    const signal = AbortSignal.abort();
    await expect(simulate(params, { seed: 1, replications: 4, workers: 1, signal, onProgress: () => progress++ })).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toBe(0);
  });

  it('stops between replications in this thread with the caller\'s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped by the user');
    let progress = 0;
    const run = simulate(params, {
      seed: 1,
      replications: 50,
      workers: 1,
      signal: controller.signal,
      onProgress: (done) => {
        progress = done;
        if (done === 3) controller.abort(reason);
      },
    });
    await expect(run).rejects.toBe(reason);
    expect(progress).toBe(3);
  });

  it('terminates worker threads and rejects, before the run could have finished', async () => {
    const controller = new AbortController();
    let progress = 0;
    const run = simulate(params, {
      seed: 1,
      replications: 2_000,
      workers: 2,
      signal: controller.signal,
      onProgress: (done) => {
        progress = done;
        if (done === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toBeLessThan(2_000);
  });

  it('a signal that is never aborted changes nothing in the results', async () => {
    const plain = await simulate(params, { seed: 3, replications: 6, workers: 2 });
    const withSignal = await simulate(params, { seed: 3, replications: 6, workers: 2, signal: new AbortController().signal });
    expect(withSignal.values).toEqual(plain.values);
    expect(withSignal.eventsFired).toBe(plain.eventsFired);
  });
});
