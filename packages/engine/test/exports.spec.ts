import { describe, expect, it } from 'vitest';
import * as advanced from '../src/advanced.js';
import * as main from '../src/index.js';
import * as kernel from '../src/kernel/index.js';

describe('public surface', () => {
  it('keeps compiling and single replications on the advanced subpath, the general kernel on the kernel subpath', () => {
    for (const internal of ['compileModel', 'runReplication', 'Simulator', 'EventQueue', 'Process', 'Resource', 'Tally', 'TimeWeighted', 'hazardCell']) {
      expect(Object.keys(main), internal).not.toContain(internal);
    }
    expect(typeof advanced.compileModel).toBe('function');
    expect(typeof advanced.runReplication).toBe('function');
    for (const name of ['Simulator', 'EventQueue', 'Process', 'Resource', 'Tally', 'TimeWeighted']) expect(Object.keys(kernel)).toContain(name);
    expect(typeof main.simulate).toBe('function');
    expect(typeof main.projectExpected).toBe('function');
  });
});
