import { describe, expect, it } from 'vitest';
import { deepMerge, loadScenario } from '../../src/index.js';
import { memoryFiles } from '../helpers.js';

describe('extends', () => {
  it('deepMerge merges objects key by key and replaces arrays and values', () => {
    const base = { a: { b: 1, c: [1, 2, 3] }, d: 'x', e: [{ f: 1 }] };
    const over = { a: { c: [9] }, e: [{ g: 2 }] };
    expect(deepMerge(base, over)).toEqual({ a: { b: 1, c: [9] }, d: 'x', e: [{ g: 2 }] });
    expect(base.a.c).toEqual([1, 2, 3]);
  });

  it('a chain of files merges from the root to the named file, paths relative to each file', async () => {
    const files = {
      'dir/base.yaml': 'name: Base\nstart: 2025-04-01\nhorizon: 1 year\nseed: 3\nreplications: 10\nmodel: {}\n',
      'dir/mid.yaml': 'extends: base.yaml\nname: Mid\nseed: 4\n',
      'x.yaml': 'extends: dir/mid.yaml\nname: X\nreplications: 20\n',
    };
    // The merged model is incomplete, so the check of the whole scenario reports it in base.yaml.
    await expect(loadScenario('x.yaml', memoryFiles(files))).rejects.toThrow(/^dir\/base\.yaml:6:8: model: missing "costs"/m);
  });

  it('the merged scenario keeps the deepest override and drops extends', async () => {
    const { BASELINE_TEXT } = await import('../helpers.js');
    const loaded = await loadScenario(
      'x.yaml',
      memoryFiles({
        'baseline.yaml': BASELINE_TEXT,
        'x.yaml': 'extends: baseline.yaml\nname: X\nmodel:\n  entries:\n    trendPerYear: 2%\n  supply:\n    fallback:\n      supported: [other]\n',
      }),
    );
    const s = loaded.scenario;
    expect(s.name).toBe('X');
    expect('extends' in s).toBe(false);
    expect(s.model.entries.trendPerYear).toBe('2%');
    expect(s.model.entries.routeShares).toEqual({ care_proceedings: '55%', section20: '35%', other: '10%' });
    expect(s.model.supply.fallback['supported']).toEqual(['other']);
    expect(s.model.supply.fallback['inhouse_foster']).toEqual(['ifa_foster', 'external_residential']);
    expect(loaded.sources.map((x) => x.file)).toEqual(['x.yaml', 'baseline.yaml']);
  });
});
