import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileScenarioFile } from '@carecast/scenario';
import { carecast, synthBaseline } from './helpers.js';
import { writeLayout } from '../packages/data/test/layouts.js';

// calibrate --each-la with OC3 tables: a stacked OC3 table (LA column) gives each authority the mix of
// its own rows; tables without an LA column leave each authority's scenario on the illustrative default
// and say so (file and terminal). Two authorities: A01 holds the synthetic returns as they are, B02 the
// same children with every OC3 young person in their own tenancy (ACCOM U1), so their mixes differ.

const REFERENCE = '2026-04-01:2029-03-31';
const returns = synthBaseline(4, 3);
let stack: string;

beforeAll(async () => {
  const a = writeLayout(returns.data, join(returns.dir, 'la-a'), 'stacked-end-year', { la: 'A01' });
  const b = writeLayout(returns.data, join(returns.dir, 'la-b'), 'stacked-end-year', { la: 'B02' });
  stack = join(returns.dir, 'region');
  mkdirSync(stack);
  for (const table of ['header', 'episodes', 'uasc']) {
    const [head, ...rows] = readFileSync(join(a, `${table}.csv`), 'utf8').trim().split('\n');
    const more = readFileSync(join(b, `${table}.csv`), 'utf8').trim().split('\n').slice(1);
    writeFileSync(join(stack, `${table}.csv`), `${[head, ...rows, ...more].join('\n')}\n`);
  }
  // The OC3 table of the year ending on the window's end, stacked with LA and YEAR columns.
  const [head, ...rows] = readFileSync(join(returns.data, '2029', 'oc3.csv'), 'utf8').trim().split('\n');
  const accom = head!.split(',').indexOf('ACCOM');
  const independent = (line: string) => line.split(',').map((cell, i) => (i === accom ? 'U1' : cell)).join(',');
  writeFileSync(join(stack, 'oc3.csv'), `${[`LA,YEAR,${head}`, ...rows.map((r) => `A01,2029,${r}`), ...rows.map((r) => `B02,2029,${independent(r)}`)].join('\n')}\n`);
}, 120_000);

const stacked = (out: string, oc3: string) => [
  'calibrate', '--episodes', join(stack, 'episodes.csv'), '--header', join(stack, 'header.csv'), '--uasc', join(stack, 'uasc.csv'),
  '--reference', REFERENCE, '--check-replications', '0', '--each-la', '--oc3', oc3, '--out', out,
];
const careLeaversOf = async (file: string) => (await compileScenarioFile(file)).params.careLeavers!;

describe('calibrate --each-la with OC3', () => {
  it('fits each authority from its own OC3 rows: A01 as the single authority\'s fit, B02 all in their own tenancy', async () => {
    // The oracle for A01: the same returns and OC3 table calibrated as one authority, without LA columns.
    const single = join(returns.dir, 'single.yaml');
    const one = await carecast(['calibrate', '--folder', returns.data, '--reference', REFERENCE, '--check-replications', '0', '--oc3', join(returns.data, '2029', 'oc3.csv'), '--out', single]);
    expect(one.code, one.stderr).toBe(0);
    const out = join(returns.dir, 'region-out', 'region.yaml');
    const r = await carecast(stacked(out, join(stack, 'oc3.csv')));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/care leavers \(LA A01\): accommodation mix by age fitted from its own OC3 rows \(\d+ young people; ages 18/);
    expect(r.stdout).toMatch(/care leavers \(LA B02\): accommodation mix by age fitted from its own OC3 rows/);
    const own = await careLeaversOf(single);
    const a = await careLeaversOf(join(returns.dir, 'region-out', 'region.la-A01.yaml'));
    const b = await careLeaversOf(join(returns.dir, 'region-out', 'region.la-B02.yaml'));
    expect(a.accommodationByAge).toEqual(own.accommodationByAge);
    expect(a.initialPopulation).toEqual(own.initialPopulation);
    // B02: every fitted age wholly independent; its start population is A01's (the same young people).
    const wholly = Object.values(b.accommodationByAge!).filter((mix) => (mix as Record<string, number>)['independent'] === 1).length;
    const text = readFileSync(join(returns.dir, 'region-out', 'region.la-B02.yaml'), 'utf8');
    const thin = (text.match(/ILLUSTRATIVE DEFAULT: \d+ young people in OC3/g) ?? []).length;
    expect(wholly).toBe(Object.keys(b.accommodationByAge!).length - thin);
    expect(wholly).toBeGreaterThan(0);
    expect(b.initialPopulation).toEqual(own.initialPopulation);
    // The combined scenario pools both: its independent share lies between the two authorities'.
    const pooled = (await careLeaversOf(out)).accommodationByAge as Record<string, Record<string, number>>;
    const age = Object.entries(b.accommodationByAge!).find(([, mix]) => (mix as Record<string, number>)['independent'] === 1)![0];
    const ai = (a.accommodationByAge as Record<string, Record<string, number>>)[age]!['independent']!;
    expect(pooled[age]!['independent']!).toBeGreaterThan(ai);
    expect(pooled[age]!['independent']!).toBeLessThan(1);
    const json = await carecast([...stacked(join(returns.dir, 'json-out', 'r.yaml'), join(stack, 'oc3.csv')), '--json']);
    const authorities = JSON.parse(json.stdout).authorities as { la: string; careLeavers: { source: string } }[];
    expect(authorities.map((x) => [x.la, x.careLeavers.source])).toEqual([['A01', 'oc3'], ['B02', 'oc3']]);
  }, 120_000);

  it('OC3 rows without an LA column: each authority keeps the illustrative default, and the file and terminal say why', async () => {
    const out = join(returns.dir, 'pooled-out', 'region.yaml');
    const r = await carecast(stacked(out, join(returns.data, '2029', 'oc3.csv')));
    expect(r.code, r.stderr).toBe(0);
    for (const la of ['A01', 'B02']) {
      expect(r.stdout).toContain(`care leavers (LA ${la}): ILLUSTRATIVE DEFAULT accommodation mix and start population: the OC3 rows carry no LA column`);
      const text = readFileSync(join(returns.dir, 'pooled-out', `region.la-${la}.yaml`), 'utf8');
      expect(text).toContain('ILLUSTRATIVE DEFAULT for this authority: the OC3 rows carry no LA column');
    }
    // The combined scenario has the fit from OC3.
    expect(readFileSync(out, 'utf8')).toContain('Accommodation mix by age from the OC3 care-leaver table');
    const json = await carecast([...stacked(join(returns.dir, 'pooled-json', 'r.yaml'), join(returns.data, '2029', 'oc3.csv')), '--json']);
    expect(JSON.parse(json.stdout).authorities[0].careLeavers).toMatchObject({ source: 'illustrative default', note: expect.stringContaining('no LA column') });
  }, 120_000);
});
