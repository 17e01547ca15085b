import type * as V8 from 'node:v8';
import { describe, expect, it, vi } from 'vitest';

const flags: string[] = [];
vi.mock('node:v8', async (importOriginal) => ({ ...(await importOriginal<typeof V8>()), setFlagsFromString: (f: string) => flags.push(f) }));
const { coldCode } = await import('../../src/cold-code.js');

describe('coldCode', () => {
  it('turns the optimising compiler off for the work and back on after it, once for nested calls', async () => {
    flags.length = 0;
    const value = await coldCode(async () => {
      expect(flags).toEqual(['--no-turbofan']);
      const inner = await coldCode(async () => 41);
      expect(flags).toEqual(['--no-turbofan']); // still off: the outer work goes on
      return inner + 1;
    });
    expect(value).toBe(42);
    expect(flags).toEqual(['--no-turbofan', '--turbofan']);
  });

  it('turns it back on when the work fails', async () => {
    flags.length = 0;
    await expect(coldCode(async () => Promise.reject(new Error('bad input')))).rejects.toThrow('bad input');
    expect(flags).toEqual(['--no-turbofan', '--turbofan']);
  });
});
