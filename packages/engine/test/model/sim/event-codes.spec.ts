import { describe, expect, it } from 'vitest';
import * as state from '../../../src/model/sim/state.js';

describe('event codes (state.ts)', () => {
  it('EVENT_KINDS is 1 << EVENT_KIND_BITS and every kind is a distinct whole number below it', () => {
    // EVENT_KINDS is written as a literal (so `satisfies typeof EVENT_KINDS` checks the literals in child-events.ts):
    // this ties it to the bits `fire` shifts by.
    expect(state.EVENT_KINDS).toBe(1 << state.EVENT_KIND_BITS);
    const kinds = Object.entries(state).filter(([name]) => name.startsWith('EV_')).map(([, v]) => v as number);
    expect(kinds.length).toBe(14);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const k of kinds) expect(Number.isInteger(k) && k >= 0 && k < state.EVENT_KINDS).toBe(true);
  });
});
