import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { compileScenarioFile } from '@carecast/scenario';
import { calibrate, toScenarioYaml, type CareSpell } from '../src/index.js';
import { simulateIndependent } from '../src/synth/independent-simulator.js';
import { writeFixture } from './helpers.js';
import { ROUND_TRIP_MODEL } from './round-trip-model.js';
import { spellsFromRecords } from './sim-spells.js';

/** Care spells straight from simulated records (no CSV round trip needed here). */
function spellsFromSimulation(seed: number): CareSpell[] {
  return spellsFromRecords(simulateIndependent(ROUND_TRIP_MODEL, seed));
}

describe('toScenarioYaml', () => {
  const result = calibrate(spellsFromSimulation(5), { referenceStart: '2021-04-01', referenceEnd: '2025-03-31', durationBandsDays: [365] });
  const text = toScenarioYaml(result, { name: 'Test LA' });

  it('writes a scenario the scenario package accepts, with the calibrated model', async () => {
    const file = join(writeFixture({}), 'calibrated.yaml');
    writeFileSync(file, text);
    const compiled = await compileScenarioFile(file);
    expect(compiled.name).toBe('Test LA');
    expect(compiled.params.start).toBe('2025-04-01');
    expect(compiled.params.end).toBe('2030-03-31');
    expect(compiled.params.transitions.rates.length).toBe(result.parameters.transitions.rates.length);
    expect(compiled.params.initialPopulation.counts).toEqual(result.parameters.initialPopulation.counts);
  });

  it('comments every hazard with its events and child-years, and every entry rate with its count', () => {
    const doc = parseDocument(text);
    const rates = doc.getIn(['model', 'transitions', 'rates']) as { items: { get(k: string, keep: true): { comment?: string } }[] };
    expect(rates.items.length).toBeGreaterThan(10);
    for (const item of rates.items) expect(item.get('perYear', true).comment).toMatch(/^ \d+ events \/ \d+\.\d child-years( \(pooled(, (non-)?UASC)?\))?$/);
    expect(text).toMatch(/<1: [\d.]+ # \d+ entries \/ 4\.00 years/);
    expect(text).toContain('TEMPLATE: SSDA903 holds no supply data');
  });

  it('is the same text for the same input', () => {
    expect(toScenarioYaml(result, { name: 'Test LA' })).toBe(text);
  });
});

describe('toScenarioYaml with separate UASC hazards', () => {
  const result = calibrate(spellsFromSimulation(6), { referenceStart: '2021-04-01', referenceEnd: '2025-03-31', durationBandsDays: [365], uascMinChildYears: 1 });
  const text = toScenarioYaml(result, { name: 'Test LA' });

  it('writes uasc: true and uasc: false rows, each commented with its own group evidence, that the scenario package accepts', async () => {
    expect(result.evidence.uascHazards.separate).toBe(true);
    const file = join(writeFixture({}), 'calibrated.yaml');
    writeFileSync(file, text);
    const compiled = await compileScenarioFile(file);
    const groups = new Set(compiled.params.transitions.rates.map((r) => r.uasc));
    expect([...groups].sort()).toEqual([false, true]);
    const doc = parseDocument(text);
    const rates = doc.getIn(['model', 'transitions', 'rates']) as { items: { get(k: string, keep?: boolean): unknown }[] };
    for (const item of rates.items) {
      const comment = (item.get('perYear', true) as { comment?: string }).comment;
      expect(comment).toMatch(/^ \d+ events \/ \d+\.\d child-years( \(pooled, (non-)?UASC\))?$/);
      if (comment?.includes('pooled')) expect(comment.includes('non-UASC')).toBe(item.get('uasc') === false);
    }
    expect(text).toContain('UASC (uasc: true) and other children (uasc: false) have separate hazards');
  });
});
