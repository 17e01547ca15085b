import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSpells, calibrate, findSsda903Files, readSsda903, shownCount, synthesize, toScenarioYaml } from '../src/index.js';
import { writeFixture } from './helpers.js';
import { ROUND_TRIP_MODEL } from './round-trip-model.js';

describe('privacy', () => {
  it('calibration outputs hold no child id or date of birth from the input', async () => {
    const dir = writeFixture({});
    const files = await synthesize(ROUND_TRIP_MODEL, { years: 5, seed: 3, out: join(dir, 'in') });
    const raw = await readSsda903(await findSsda903Files(join(dir, 'in')));
    const result = calibrate(buildSpells(raw), { referenceStart: '2021-04-01', referenceEnd: '2025-03-31' });
    const outputs = [toScenarioYaml(result, { suppressBelow: 5 }), JSON.stringify(result.evidence), JSON.stringify(result.parameters)].join('\n');
    const header = readFileSync(files.find((f) => f.endsWith('header.csv'))!, 'utf8').trim().split('\n').slice(1);
    expect(header.length).toBeGreaterThan(100);
    for (const line of header.slice(0, 200)) {
      const [child, , dob] = line.split(',');
      expect(outputs).not.toContain(child);
      expect(outputs).not.toContain(dob);
    }
    expect(outputs).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });

  it('writes counts under the threshold as <N in comments but keeps the model exact, and says the file is disclosive', async () => {
    expect(shownCount(3, 5)).toBe('<5');
    expect(shownCount(0, 5)).toBe('0');
    expect(shownCount(7, 5)).toBe('7');
    expect(shownCount(3, 0)).toBe('3');
    const dir = writeFixture({});
    await synthesize(ROUND_TRIP_MODEL, { years: 5, seed: 3, out: join(dir, 'in') });
    const result = calibrate(buildSpells(await readSsda903(await findSsda903Files(join(dir, 'in')))), { referenceStart: '2021-04-01', referenceEnd: '2025-03-31' });
    const small = (result.parameters.initialPopulation.counts ?? []).filter((c) => c.count < 5);
    expect(small.length).toBeGreaterThan(0);
    const suppressed = parse(toScenarioYaml(result, { suppressBelow: 5 })) as { model: { initialPopulation: unknown } };
    const plain = parse(toScenarioYaml(result)) as { model: { initialPopulation: unknown } };
    // Suppression no longer changes the model: the stock cells are the same, small ones included.
    expect(suppressed.model.initialPopulation).toEqual(plain.model.initialPopulation);
    expect(suppressed.model.initialPopulation).toEqual({ counts: result.parameters.initialPopulation.counts });
    expect(toScenarioYaml(result, { suppressBelow: 5 })).toMatch(/^# DISCLOSIVE: this file holds exact counts of children/);
  });
});
