import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileScenarioFile } from '../../src/index.js';

const dir = fileURLToPath(new URL('../../../../scenarios/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('scenarios/', () => {
  it('holds the baseline and the seven seed scenarios', () => {
    expect(files.sort()).toEqual([
      'baseline.yaml',
      'combined-strategy.yaml',
      'early-help-25.yaml',
      'foster-recruitment.yaml',
      'residential-beds.yaml',
      'staying-put.yaml',
      'step-down.yaml',
      'uasc-surge.yaml',
    ]);
  });

  it.each(files)('%s compiles, names its seed document and points editors at the schema', async (f) => {
    const text = readFileSync(dir + f, 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../packages/scenario/schema/scenario.schema.json');
    if (f !== 'baseline.yaml') expect(text).toMatch(/^# Seeds?: .*(Rotherham|Buckinghamshire|Croydon)/m);
    const c = await compileScenarioFile(dir + f);
    expect(c.params.start).toBe('2025-04-01');
    expect(c.params.end).toBe('2030-03-31');
    expect(c.leversInWords.length).toBe(f === 'baseline.yaml' ? 0 : (text.match(/- lever:/g) ?? []).length);
  });

  it('the baseline is a mid-size authority: about 450 in care and 200 starts a year', async () => {
    const c = await compileScenarioFile(dir + 'baseline.yaml');
    const stock = (c.params.initialPopulation.counts ?? []).reduce((a, x) => a + x.count, 0);
    const starts = Object.values(c.params.entries.perYear).reduce((a: number, x) => a + (x ?? 0), 0) + (c.params.uasc?.perYear ?? 0);
    expect(stock).toBeGreaterThanOrEqual(430);
    expect(stock).toBeLessThanOrEqual(470);
    expect(starts).toBeGreaterThanOrEqual(180);
    expect(starts).toBeLessThanOrEqual(220);
  });
});
