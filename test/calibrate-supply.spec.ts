import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenarioFile } from '@carecast/scenario';
import { carecast, synthBaseline } from './helpers.js';

const REFERENCE = '2026-04-01:2029-03-31';

const returns = synthBaseline(4, 3);

const supply = (name: string, lines: string[]): string => {
  const file = join(returns.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('carecast calibrate: supply, matching and the reproduction check', () => {
  it('without a supply file labels the template supply and prints the reproduction check', async () => {
    const out = join(returns.dir, 'template.yaml');
    const r = await carecast(['calibrate', '--folder', returns.data, '--reference', REFERENCE, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Supply (TEMPLATE: no --supply file)');
    expect(r.stdout).toMatch(/reproduction check: .*50 replications, TEMPLATE supply\); children in care on every 31 March of the window \(2027-03-31, 2028-03-31, 2029-03-31\)/);
    for (const date of ['2027-03-31', '2028-03-31', '2029-03-31']) expect(r.stdout).toMatch(new RegExp(`\\n {2}${date} +total +\\d+ +[\\d.]+ +\\d+-\\d+`));
    // The summary counts the table's rows: the stocks with children in them on those dates, which depend
    // on the synthetic data's draws (30 or 33 for seeds tried), so the count is read, not pinned.
    const stocks = r.stdout.match(/\n {2}\d{4}-03-31 +\w+ +[<\d]+ +[\d.]+ +\d+-\d+/g)?.length ?? 0;
    expect(stocks).toBeGreaterThanOrEqual(3 * 2);
    expect(r.stdout).toMatch(new RegExp(`\\n {2}(\\d+ of ${stocks}|all ${stocks}) stocks \\(3 dates x total and categories\\) within their 90% band`));
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('TEMPLATE: SSDA903 holds no supply data');
    expect(text).toMatch(/family_foster_care:\n +providers:\n +- inhouse_foster\n +- ifa_foster\n/);
  }, 60_000);

  it('with a supply file fits matchProbability, reports the fit and writes it with its source', async () => {
    const file = supply('supply.csv', ['measure,value', 'inhouse_foster_households,80', 'inhouse_foster_places,160', 'inhouse_residential_beds,16', 'supported_beds,46']);
    const out = join(returns.dir, 'fitted.yaml');
    const r = await carecast(['calibrate', '--folder', returns.data, '--reference', REFERENCE, '--supply', file, '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/supply fit: in-house share of \d+ new family foster placements observed [\d.]+%, fitted [\d.]+% with matchProbability [\d.e-]+/);
    expect(r.stdout).toContain('fitted supply');
    const compiled = await compileScenarioFile(out);
    const h = compiled.params.supply.capacity.inhouse_foster as { households: number; placesPerHousehold: number; matchProbability?: number };
    expect(h.households).toBe(80);
    expect(h.placesPerHousehold).toBe(2);
    expect(h.matchProbability).toBeGreaterThan(0);
    expect(h.matchProbability).toBeLessThanOrEqual(1);
    expect(readFileSync(out, 'utf8')).toMatch(/From supply\.csv: .*\n.*\n.*\n.*observed [\d.]+%, fitted [\d.]+%/);
  }, 60_000);

  it('flags a stock the re-run misses: far more in-house residential beds in the supply file than the data had', async () => {
    const file = supply('many-beds.csv', ['measure,value', 'inhouse_foster_households,80', 'inhouse_foster_places,160', 'inhouse_residential_beds,60']);
    const r = await carecast(['calibrate', '--folder', returns.data, '--reference', REFERENCE, '--supply', file, '--out', join(returns.dir, 'many.yaml')]);
    expect(r.code).toBe(0);
    // The synthetic data never hold more than the baseline's 16 in-house residential children (its beds),
    // while the re-run fills 60 beds with the children the data sent to external residential: 33-53
    // children on the three dates, the band's low end 25-44 (synthetic seeds 1 and 3), so every date
    // misses whatever the draws. (Too few beds, the former case, missed only when the data's start stock
    // sat below 16: the engine raises capacity to the start stock, and at 4 of 9 other seeds it did not.)
    for (const date of ['2027-03-31', '2028-03-31', '2029-03-31']) expect(r.stdout).toMatch(new RegExp(`\\n {2}${date} +inhouse_residential +\\d+ +[\\d.]+ +\\d+-\\d+ +MISS`));
    expect(r.stdout).toMatch(/\d+ of \d+ stocks \(3 dates x total and categories\) within their 90% band, \d+ MISS/);
  }, 60_000);

  it('refuses a bad supply file: exit 2, file:line:col, nothing written', async () => {
    const cases: [string[], RegExp][] = [
      [['measure,value', 'inhouse_foster_households,72', 'inhouse_foster_places,lots'], /bad\.csv:3:23: inhouse_foster_places = "lots"; expected a whole number >= 0/],
      [['measure,value', 'inhouse_foster_households,72', 'inhouse_foster_places,144', 'castle_beds,3'], /bad\.csv:4:1: unknown measure "castle_beds"; expected/],
      [['households,72'], /bad\.csv:1:1: header "households,72"; expected "measure,value"/],
      [['measure,value', 'inhouse_foster_households,72'], /bad\.csv:\d+:1: no inhouse_foster_places row; expected one/],
      [['measure,value', 'inhouse_foster_households,72', 'inhouse_foster_places,144', 'inhouse_foster_households,70'], /bad\.csv:4:1: inhouse_foster_households given again \(first on line 2\)/],
    ];
    for (const [lines, message] of cases) {
      const dir = join(returns.dir, `bad-${cases.findIndex((c) => c[0] === lines)}`);
      const file = supply('bad.csv', lines);
      const out = join(dir, 'out.yaml');
      const r = await carecast(['calibrate', '--folder', returns.data, '--reference', REFERENCE, '--supply', file, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      expect(existsSync(dir)).toBe(false);
    }
    expect(readdirSync(returns.dir).filter((f) => f.startsWith('bad-'))).toEqual([]);
  }, 120_000);
});
