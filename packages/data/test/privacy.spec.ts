import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSpells, calibrate, findSsda903Files, mergeSmallCells, readSsda903, shownCount, synthesize, toScenarioYaml } from '../src/index.js';
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

  it('writes counts under the threshold as <N and merges small stock cells within their category', () => {
    expect(shownCount(3, 5)).toBe('<5');
    expect(shownCount(0, 5)).toBe('0');
    expect(shownCount(7, 5)).toBe('7');
    expect(shownCount(3, 0)).toBe('3');
    const merged = mergeSmallCells(
      [
        { category: 'ifa_foster', ageBand: '5-9', count: 2 },
        { category: 'ifa_foster', ageBand: '10-15', count: 30 },
        { category: 'ifa_foster', ageBand: '16-17', count: 6 },
        { category: 'secure', ageBand: '10-15', count: 1 },
      ],
      5,
    );
    expect(merged).toEqual([
      { category: 'ifa_foster', ageBand: '10-15', count: 32 },
      { category: 'ifa_foster', ageBand: '16-17', count: 6 },
      { category: 'secure', ageBand: '10-15', count: 1 },
    ]);
  });
});
