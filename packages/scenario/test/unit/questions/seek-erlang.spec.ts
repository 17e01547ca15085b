import { describe, expect, it } from 'vitest';
import { loadScenario, seek } from '../../../src/index.js';
import { memoryFiles } from '../../helpers.js';
import { erlangB, lossScenario } from './erlang.js';

const LAMBDA = 200; // entries per year
const MU = 40; // exits per child-year: stays of about 9 days
const A = LAMBDA / MU; // offered load, 5 erlangs
const BASE = 2; // beds without the lever

describe('seek on an Erlang loss system', () => {
  it('the oracle: Erlang B(c, 5) by its recursion matches the closed form at small c', () => {
    // B(1, a) = a / (1 + a); B(2, a) = a^2/2 / (1 + a + a^2/2).
    expect(erlangB(1, A)).toBeCloseTo(A / (1 + A), 12);
    expect(erlangB(2, A)).toBeCloseTo(A ** 2 / 2 / (1 + A + A ** 2 / 2), 12);
  });

  it('finds the fewest beds for which the share placed elsewhere falls under a given value', async () => {
    // Every total c has its answer: the share threshold halfway (geometrically) between B(c-1) and B(c).
    const want = 9;
    const share = Math.sqrt(erlangB(want - 1, A) * erlangB(want, A));
    expect(erlangB(want - 1, A)).toBeGreaterThan(share);
    expect(erlangB(want, A)).toBeLessThan(share);
    // Placed elsewhere per year = entries per year × B (arrivals see time averages).
    const perYear = (LAMBDA * share).toFixed(3);
    const loaded = await loadScenario('x.yaml', memoryFiles({ 'x.yaml': lossScenario({ lambda: LAMBDA, mu: MU, baseBeds: BASE }) }));
    const r = await seek(loaded, { lever: 'Beds', target: `placed_out_of_preference[total] per year <= ${perYear} by 2027-03-31`, from: 0, to: 14 }, { replications: 60 });
    expect(r.status).toBe('found');
    expect(r.direction).toBe('smallest');
    expect(r.answer! + BASE).toBe(want);
    expect(r.interval![0]).toBeLessThanOrEqual(r.answer!);
    expect(r.interval![1]).toBeGreaterThanOrEqual(r.answer!);
    // The evidence holds the bounds and both sides of the answer at the final replications.
    const final = r.evidence.filter((e) => e.stage === 'simulation' && e.replications === r.replications);
    expect(final.some((e) => e.value === r.answer! - 1 && e.mean > LAMBDA * share)).toBe(true);
    expect(final.some((e) => e.value === r.answer! && e.mean <= LAMBDA * share)).toBe(true);
  }, 60_000);

  it('finds the most beds meeting a cap on a measure that rises with them (children placed in-house)', async () => {
    // Placed in-house per year = entries × (1 - B(c)); the cap halfway between c = 6 and c = 7.
    const cap = LAMBDA * (1 - (erlangB(6, A) + erlangB(7, A)) / 2);
    const loaded = await loadScenario('x.yaml', memoryFiles({ 'x.yaml': lossScenario({ lambda: LAMBDA, mu: MU, baseBeds: BASE }) }));
    const r = await seek(loaded, { lever: 'Beds', target: `entries[inhouse_residential] per year <= ${cap.toFixed(3)} by 2027-03-31`, from: 0, to: 12 }, { replications: 60 });
    expect(r.status).toBe('found');
    expect(r.direction).toBe('largest');
    expect(r.answer! + BASE).toBe(6);
  }, 60_000);

  it('says when the target is already met at both bounds, or cannot be met within them', async () => {
    const loaded = await loadScenario('x.yaml', memoryFiles({ 'x.yaml': lossScenario({ lambda: LAMBDA, mu: MU, baseBeds: BASE }) }));
    const met = await seek(loaded, { lever: 'Beds', target: `placed_out_of_preference[total] per year <= ${LAMBDA} by 2027-03-31`, from: 0, to: 4 }, { replications: 20 });
    expect(met.status).toBe('already-met');
    expect(met.answer).toBe(0);
    // With at most 5 beds, at least B(5, 5) = 28% are placed elsewhere: 2% cannot be reached.
    const never = await seek(loaded, { lever: 'Beds', target: `placed_out_of_preference[total] per year <= ${LAMBDA * 0.02} by 2027-03-31`, from: 0, to: 3 }, { replications: 20 });
    expect(never.status).toBe('unreachable');
    expect(never.answer).toBeUndefined();
  }, 60_000);
});
