import { describe, expect, it } from 'vitest';
import { compileModel } from '@carecast/engine/advanced';
import { checkedModel, compileScenarioFile, compileScenarioText } from '../../src/index.js';
import { memoryFiles, onBaseline } from '../helpers.js';

describe('the engine model compiled by the check, for callers running the same parameters', () => {
  it('is the model of exactly those parameters; a copy with other parameters gets none', async () => {
    const file = await compileScenarioFile('x.yaml', memoryFiles(onBaseline('')));
    const model = checkedModel(file, file.params);
    expect(model).toBeDefined();
    // The same model a fresh compile gives (the engine's compile is deterministic).
    expect(JSON.stringify(model)).toBe(JSON.stringify(compileModel(file.params)));
    const other = { ...file, params: { ...file.params } };
    expect(checkedModel(other, other.params)).toBeUndefined();
    expect(checkedModel(file, { ...file.params })).toBeUndefined();
  });

  it('none when the engine check did not run', async () => {
    const files = onBaseline('');
    const file = await compileScenarioText('x.yaml', files['x.yaml']!, { cwd: '/v', readText: memoryFiles(files).readText!, engineCheck: false });
    expect(checkedModel(file, file.params)).toBeUndefined();
  });
});
