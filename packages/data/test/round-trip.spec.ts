import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, type ModelParameters, type TransitionTarget } from '@carecast/engine';
import { buildSpells, calibrate, findSsda903Files, readSsda903, synthesize, type CalibrationResult } from '../src/index.js';
import { independentReturns, writeFixture } from './helpers.js';
import { ROUND_TRIP_MODEL, UASC_ROUND_TRIP_MODEL } from './round-trip-model.js';

const sameTarget = (a: TransitionTarget, b: TransitionTarget) => JSON.stringify(a) === JSON.stringify(b);

/** True hazard per child-year of a cell: the sum of the matching rows (a cell without a UASC group matches rows of either). */
function trueRate(p: ModelParameters, from: string, to: TransitionTarget, band: string, d: number, uasc?: boolean): number {
  return p.transitions.rates
    .filter(
      (r) =>
        r.from === from &&
        sameTarget(r.to, to) &&
        (!r.ageBands || r.ageBands.includes(band as never)) &&
        (!r.durationBands || r.durationBands.includes(d)) &&
        (r.uasc === undefined || uasc === undefined || r.uasc === uasc),
    )
    .reduce((s, r) => s + r.perYear, 0);
}

async function roundTrip(seed: number, engine = false, model = ROUND_TRIP_MODEL, uascMinChildYears?: number): Promise<CalibrationResult> {
  const src = engine ? join(writeFixture({}), 'ssda903') : await independentReturns(seed, model);
  if (engine) await synthesize(model, { years: 5, seed, out: src });
  const raw = await readSsda903(await findSsda903Files(src));
  expect(raw.quality.summary().issues).toEqual([]);
  return calibrate(buildSpells(raw), {
    referenceStart: '2021-04-01',
    referenceEnd: '2025-03-31',
    durationBandsDays: [365],
    ...(uascMinChildYears === undefined ? {} : { uascMinChildYears }),
  });
}

describe('calibrate(synth(parameters)) recovers the parameters', () => {
  it('entry rates per age band within 4 Poisson standard errors', async () => {
    const r = await roundTrip(11);
    const years = r.evidence.referenceYears;
    for (const band of AGE_BANDS) {
      const truth = ROUND_TRIP_MODEL.entries.perYear[band]!;
      expect(Math.abs(r.parameters.entries.perYear[band]! - truth), band).toBeLessThanOrEqual(4 * Math.sqrt(truth / years));
    }
    const uasc = ROUND_TRIP_MODEL.uasc!.perYear;
    expect(Math.abs(r.parameters.uasc!.perYear - uasc)).toBeLessThanOrEqual(4 * Math.sqrt(uasc / years));
    const n = r.evidence.entries.filter((e) => !e.uasc).reduce((s, e) => s + e.count, 0);
    for (const [route, share] of Object.entries(ROUND_TRIP_MODEL.entries.routeShares)) {
      const est = r.parameters.entries.routeShares[route as 'other'] ?? 0;
      expect(Math.abs(est - share), route).toBeLessThanOrEqual(4 * Math.sqrt((share * (1 - share)) / n));
    }
  });

  it.each([
    ['the independent-children simulator', false],
    ['the engine (synthesize)', true],
  ])('move and exit hazards in well-populated cells within 4 sqrt(rate / exposure), and no hazard the truth lacks, from %s', async (_, engine) => {
    const r = await roundTrip(12, engine);
    for (const prior of r.evidence.priors) {
      const anywhere = ROUND_TRIP_MODEL.transitions.rates.some((t) => t.from === prior.from && sameTarget(t.to, prior.to));
      expect(anywhere, `${prior.from}->${JSON.stringify(prior.to)} has events but no true rate`).toBe(true);
      // Events in a band the truth excludes can only come from birthdays a day apart (365.25-day years vs calendar).
      const stray = r.evidence.transitions
        .filter((c) => c.from === prior.from && sameTarget(c.to, prior.to) && trueRate(ROUND_TRIP_MODEL, c.from, c.to, c.ageBand, c.durationBand, c.uasc) === 0)
        .reduce((n, c) => n + c.events, 0);
      expect(stray).toBeLessThanOrEqual(Math.max(1, 0.02 * prior.events));
    }
    let checked = 0;
    for (const cell of r.evidence.transitions) {
      const truth = trueRate(ROUND_TRIP_MODEL, cell.from, cell.to, cell.ageBand, cell.durationBand, cell.uasc);
      if (truth === 0 || cell.childYears < 25) continue;
      checked++;
      const tolerance = 4 * Math.sqrt(truth / cell.childYears);
      expect(Math.abs(cell.perYear - truth), `${cell.from}->${JSON.stringify(cell.to)} ${cell.ageBand}/${cell.durationBand}`).toBeLessThanOrEqual(tolerance);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('ageing-out shares and the final stock total', async () => {
    const r = await roundTrip(13);
    const n = Object.values(r.evidence.ageOut).reduce((s, x) => s + (x ?? 0), 0);
    expect(n).toBeGreaterThan(50);
    for (const [reason, share] of Object.entries(ROUND_TRIP_MODEL.ageOut)) {
      const est = r.parameters.ageOut[reason as 'staying_put'] ?? 0;
      expect(Math.abs(est - share), reason).toBeLessThanOrEqual(4 * Math.sqrt((share * (1 - share)) / n));
    }
    const stock = (r.parameters.initialPopulation.counts ?? []).reduce((s, c) => s + c.count, 0);
    expect(stock).toBeGreaterThan(200);
  });

  it('separate UASC and non-UASC hazards, each group within 4 sqrt(rate / exposure) of its own truth', async () => {
    const r = await roundTrip(14, false, UASC_ROUND_TRIP_MODEL);
    expect(r.evidence.uascHazards.separate).toBe(true);
    expect(r.parameters.transitions.rates.every((row) => row.uasc !== undefined)).toBe(true);
    const checked = { uasc: 0, other: 0 };
    for (const cell of r.evidence.transitions) {
      const truth = trueRate(UASC_ROUND_TRIP_MODEL, cell.from, cell.to, cell.ageBand, cell.durationBand, cell.uasc);
      if (truth === 0 || cell.childYears < 25) continue;
      checked[cell.uasc ? 'uasc' : 'other']++;
      const tolerance = 4 * Math.sqrt(truth / cell.childYears);
      expect(Math.abs(cell.perYear - truth), `${cell.uasc ? 'UASC' : 'other'} ${cell.from}->${JSON.stringify(cell.to)} ${cell.ageBand}/${cell.durationBand}`).toBeLessThanOrEqual(tolerance);
    }
    expect(checked.uasc).toBeGreaterThanOrEqual(3);
    expect(checked.other).toBeGreaterThan(20);
    // The 10x lower UASC reunification is recovered as a rate of its own, not the pooled one.
    for (const uasc of [true, false]) {
      const prior = r.evidence.priors.find((p) => p.uasc === uasc && p.from === 'ifa_foster' && sameTarget(p.to, { exit: 'reunification' }))!;
      const truth = trueRate(UASC_ROUND_TRIP_MODEL, 'ifa_foster', { exit: 'reunification' }, '10-15', 0, uasc);
      expect(Math.abs(prior.pooledPerYear - truth), `uasc ${uasc}`).toBeLessThanOrEqual(4 * Math.sqrt(truth / prior.childYears));
    }
  });

  it('one pooled set of hazards when UASC exposure is under the threshold', async () => {
    const r = await roundTrip(14, false, UASC_ROUND_TRIP_MODEL, 1e6);
    expect(r.evidence.uascHazards.separate).toBe(false);
    expect(r.evidence.uascHazards.childYears).toBeGreaterThan(0);
    expect(r.parameters.transitions.rates.every((row) => row.uasc === undefined)).toBe(true);
    expect(r.warnings.some((w) => w.includes('UASC children have'))).toBe(true);
  });
});
