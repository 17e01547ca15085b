import { describe, expect, it } from 'vitest';
import { guidedBatches, splitReplications } from '../../src/montecarlo/chunks.js';
import { workerScriptUrl } from '../../src/montecarlo/worker-url.js';
import { workersWorthStarting } from '../../src/montecarlo/worker-plan.js';

describe('splitReplications', () => {
  it('covers 0..R-1 with contiguous chunks whose sizes differ by at most one', () => {
    for (const [total, parts] of [[10, 3], [1000, 2], [5, 8], [1, 1], [7, 7]] as const) {
      const chunks = splitReplications(total, parts);
      expect(chunks.length).toBe(Math.min(total, parts));
      expect(chunks[0]!.from).toBe(0);
      expect(chunks.at(-1)!.to).toBe(total);
      chunks.slice(1).forEach((c, i) => expect(c.from).toBe(chunks[i]!.to));
      const sizes = chunks.map((c) => c.to - c.from);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

describe('guidedBatches', () => {
  const drain = (from: number, to: number, workers: number) => {
    const next = guidedBatches(from, to, workers);
    const out = [];
    for (let c = next(); c !== undefined; c = next()) out.push(c);
    return out;
  };

  it('hands out [from, to) in contiguous batches, in order, each at most half a worker\'s share of what remains', () => {
    for (const [from, to, workers] of [[0, 200, 2], [3, 1000, 4], [0, 1, 2], [5, 12, 8], [0, 33, 1]] as const) {
      const batches = drain(from, to, workers);
      expect(batches[0]!.from).toBe(from);
      expect(batches.at(-1)!.to).toBe(to);
      batches.slice(1).forEach((c, i) => expect(c.from).toBe(batches[i]!.to));
      let remaining = to - from;
      for (const b of batches) {
        const size = b.to - b.from;
        expect(size).toBeGreaterThanOrEqual(1);
        expect(size).toBeLessThanOrEqual(Math.max(Math.ceil(remaining / (2 * workers)), Math.floor((to - from) / (16 * workers)), 1));
        remaining -= size;
      }
    }
  });

  it('takes a few dozen batches for 200 replications on 2 workers, the last ones small', () => {
    const sizes = drain(0, 200, 2).map((c) => c.to - c.from);
    expect(sizes[0]).toBe(50);
    expect(sizes.length).toBeLessThanOrEqual(40);
    expect(Math.max(...sizes.slice(-3))).toBeLessThanOrEqual(6);
  });
});

describe('workerScriptUrl', () => {
  it('uses worker.js beside built code and the built dist worker from TypeScript sources', () => {
    expect(workerScriptUrl('file:///pkg/dist/montecarlo/worker-url.js').href).toBe('file:///pkg/dist/montecarlo/worker.js');
    expect(workerScriptUrl('file:///pkg/src/montecarlo/worker-url.ts').href).toBe('file:///pkg/dist/montecarlo/worker.js');
  });
});

describe('workersWorthStarting(remaining, msPerReplication, threads, startMs)', () => {
  it('starts no worker when the whole rest of the run is under twice a start-up', () => {
    expect(workersWorthStarting(198, 4, 2, 600)).toBe(0);
    expect(workersWorthStarting(1000, 0.5, 8, 600)).toBe(0);
    expect(workersWorthStarting(0, 100, 2, 600)).toBe(0);
  });

  it('starts a worker beside this thread once each thread would get at least twice a start-up of work', () => {
    expect(workersWorthStarting(998, 4, 2, 600)).toBe(1);
    expect(workersWorthStarting(599, 4, 2, 600)).toBe(0);
    expect(workersWorthStarting(600, 4, 2, 600)).toBe(1);
  });

  it('never starts more workers than threads - 1, nor any with one thread', () => {
    expect(workersWorthStarting(20, 1500, 2, 600)).toBe(1);
    expect(workersWorthStarting(20, 1500, 4, 600)).toBe(3);
    expect(workersWorthStarting(10_000, 100, 1, 600)).toBe(0);
    expect(workersWorthStarting(1000, 6, 8, 600)).toBe(4);
  });
});
