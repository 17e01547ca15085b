import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenarioFile } from '@carecast/scenario';
import { AGE_BANDS, type AgeBand, type ModelParameters, type PlacementCategory, type TransitionRate } from '@carecast/engine';
import { CALIBRATED_TYPES, withTypesOfCare } from '../src/calibrate/types-of-care.js';
import { ROUND_TRIP_MODEL } from './round-trip-model.js';
import { calibrate, synthesizeRecords, toScenarioYaml } from '../src/index.js';
import { spellsFromRecords } from './sim-spells.js';

const BASELINE = resolve(__dirname, '../../../scenarios/baseline.yaml');

/** The shipped baseline simulated 3 collection years, calibrated on the last two. */
async function calibratedBaseline() {
  const params = (await compileScenarioFile(BASELINE)).params as ModelParameters;
  const rec = synthesizeRecords(params, { years: 3, seed: 4 });
  const spells = spellsFromRecords(rec);
  return { params, spells, result: calibrate(spells, { referenceStart: '2026-04-01', referenceEnd: '2028-03-31' }) };
}

describe('calibrate: types of care', () => {
  it('writes family foster and residential care as types of care with in-house first, and no in-house/IFA split as an input', async () => {
    const { result } = await calibratedBaseline();
    const p = result.parameters;
    expect(p.supply.typesOfCare).toEqual({
      family_foster_care: { providers: ['inhouse_foster', 'ifa_foster'], stepAcross: false },
      residential_care: { providers: ['inhouse_residential', 'external_residential'], stepAcross: false },
    });
    for (const weights of Object.values(p.entries.firstPlacement)) {
      expect(Object.keys(weights!)).not.toContain('inhouse_foster');
      expect(Object.keys(weights!)).not.toContain('ifa_foster');
      const total = Object.values(weights!).reduce((s, w) => s + (w ?? 0), 0);
      expect(total).toBeCloseTo(1, 3);
    }
    expect(p.entries.firstPlacement['1-4']!['family_foster_care']).toBeGreaterThan(0.3);
    // Moves from outside the family name the type; moves between its providers stay category moves.
    const toFamily = p.transitions.rates.filter((r) => 'typeOfCare' in r.to && r.to.typeOfCare === 'family_foster_care');
    expect(toFamily.length).toBeGreaterThan(0);
    for (const r of toFamily) expect(['inhouse_foster', 'ifa_foster']).not.toContain(r.from);
    for (const r of p.transitions.rates) {
      if ('category' in r.to && (r.to.category === 'inhouse_foster' || r.to.category === 'ifa_foster')) {
        expect(['inhouse_foster', 'ifa_foster']).toContain(r.from);
      }
    }
  }, 60_000);

  it('keeps every child total hazard of moving into the family, whatever rows the providers had', () => {
    const p = structuredClone(ROUND_TRIP_MODEL);
    p.transitions.rates.push(
      { from: 'other', to: { category: 'inhouse_foster' }, perYear: 0.4, ageBands: ['5-9'] },
      { from: 'other', to: { category: 'inhouse_foster' }, perYear: 0.7, ageBands: ['10-15'], durationBands: [1] },
      { from: 'external_residential', to: { category: 'inhouse_foster' }, perYear: 0.05 },
    );
    const hazard = (q: ModelParameters, from: PlacementCategory, band: AgeBand, d: number, into: (r: TransitionRate) => boolean) =>
      q.transitions.rates
        .filter((r) => r.from === from && into(r) && (r.ageBands?.includes(band) ?? true) && (r.durationBands?.includes(d) ?? true))
        .reduce((s, r) => s + r.perYear, 0);
    const family = (r: TransitionRate) =>
      ('category' in r.to && ['inhouse_foster', 'ifa_foster'].includes(r.to.category)) || ('typeOfCare' in r.to && r.to.typeOfCare === 'family_foster_care');
    const before = structuredClone(p);
    withTypesOfCare(p, CALIBRATED_TYPES.slice(0, 1));
    for (const from of ['other', 'external_residential', 'inhouse_foster'] as const)
      for (const band of AGE_BANDS)
        for (const d of [0, 1]) expect(hazard(p, from, band, d, family)).toBeCloseTo(hazard(before, from, band, d, family), 12);
    expect(p.transitions.rates.filter((r) => r.from === 'other' && 'typeOfCare' in r.to).length).toBe(3);
    expect(p.entries.firstPlacement['1-4']).toEqual({ family_foster_care: 0.7, kinship_foster: 0.3 });
    expect(p.uasc!.firstPlacement['16-17']).toEqual({ supported: 0.8, family_foster_care: 0.2 });
  });

  it('labels the template supply in the scenario file', async () => {
    const { result } = await calibratedBaseline();
    const text = toScenarioYaml(result);
    expect(text).toMatch(/typeOfCare: family_foster_care/);
    expect(text).toContain('TEMPLATE: SSDA903 holds no supply data');
  }, 60_000);
});
