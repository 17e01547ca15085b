import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { whenFrontEndDone, whenLongWorkDone } from '../../src/front-end-done.js';
import { hasStackTrace } from '../helpers.js';
import { bedsLever, FEWER_ENTRIES, lossSystem, scenarioFolder } from '../loss-system.js';

// A loss system: entries need in-house residential care; when it is full they go to external residential
// and stay there. The lever `Beds` adds beds; `Fewer entries` cuts entries.
const LOSS = lossSystem({ name: 'Loss system', horizon: '2 years', replications: 20, seed: 5, entriesPerYear: 120, exitsPerYear: 30, beds: 1, levers: [bedsLever(500), FEWER_ENTRIES] });

const QUESTIONS = `questions:
  - name: Few placed elsewhere
    seek: Beds
    target: placed_out_of_preference[total] per year <= 8 by 2027-03-31
    from: 0
    to: 10
  - name: Beds sweep
    sweep: Beds
    values: [0, 2, 4]
    measures: ['in_care[external_residential]', 'cost[total] per year']
`;

const { path, run, read } = scenarioFolder({
  'loss.yaml': LOSS + QUESTIONS,
  'bad-question.yaml': `${LOSS}questions:\n  - name: Bad\n    seek: Beds\n    target: in_care[total] per year < 3 by 2027-03-31\n    from: 0\n    to: 4\n`,
});

describe('carecast seek', () => {
  it('finds the value, prints the answer and the values tried, and writes results.json and the report', async () => {
    const r = await run(['seek', 'loss.yaml', '--lever', 'Beds', '--target', 'placed_out_of_preference[total] per year <= 8 by 2027-03-31', '--from', '0', '--to', '10', '--out', 'seek-out']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Smallest Beds beds meeting placed_out_of_preference\[total\] per year <= 8 by 2027-03-31 in mean: \d+ beds/);
    const doc = JSON.parse(read('seek-out/results.json'));
    expect(doc).toMatchObject({ schemaVersion: 1, kind: 'seek', status: 'found', direction: 'smallest', setting: 'beds', seed: 5, scenario: { name: 'Loss system', source: 'loss.yaml' } });
    expect(doc.evidence.length).toBeGreaterThan(2);
    const html = read('seek-out/report.html');
    expect(html).toContain('Target: placed_out_of_preference[total] per year &lt;= 8 by 2027-03-31');
    expect(existsSync(path('seek-out/charts/seek-response.svg'))).toBe(true);
    expect(existsSync(path('seek-out/charts/seek-response.vl.json'))).toBe(true);
    // The same inputs give the same results.json.
    await run(['seek', 'loss.yaml', '--lever', 'Beds', '--target', 'placed_out_of_preference[total] per year <= 8 by 2027-03-31', '--from', '0', '--to', '10', '--out', 'seek-again']);
    expect(read('seek-again/results.json')).toBe(read('seek-out/results.json'));
  }, 60_000);

  it('answers the question kept in the scenario file', async () => {
    const r = await run(['seek', 'loss.yaml', '--out', 'seek-file', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'seek', target: 'placed_out_of_preference[total] per year <= 8 by 2027-03-31' });
  }, 60_000);

  it('reports a target already met, and one out of reach', async () => {
    const met = await run(['seek', 'loss.yaml', '--lever', 'Beds', '--target', 'placed_out_of_preference[total] per year <= 1000 by 2027-03-31', '--to', '3', '--out', 'met']);
    expect(met.code).toBe(0);
    expect(met.stdout).toMatch(/already met at every value of Beds beds within 0 beds to 3 beds/);
    const never = await run(['seek', 'loss.yaml', '--lever', 'Beds', '--target', 'placed_out_of_preference[total] per year < 0 by 2027-03-31', '--to', '2', '--out', 'never']);
    expect(never.code).toBe(0);
    expect(never.stdout).toMatch(/not met at any value of Beds beds within 0 beds to 2 beds/);
  }, 60_000);

  it.each([
    [['--target', 'in_cair[total] < 3 by 2027-03-31'], /^carecast seek: --target: unknown measure "in_cair" \(did you mean "in_care"\?\)/],
    [['--target', 'in_care[total] < 3% by 2027-03-31'], /^carecast seek: --target: in_care\[total\] counts children, not a share; expected a plain number without %/],
    [['--target', 'cost[total] < 3 by 2027-03-31'], /^carecast seek: --target: cost is a flow/],
    [['--target', 'in_care[total] < 3 by 2031-03-31'], /^carecast seek: --target: 2031-03-31 is after the run's end \(2027-03-31\)/],
    [['--target', 'cost[total] per year < 3 by 2025-12-31'], /^carecast seek: --target: the 12 months to 2025-12-31 start before the run/],
    [['--lever', 'Bed'], /^carecast seek: --lever: no lever "Bed" \(did you mean "Beds"\?\)/],
    [['--setting', 'rooms'], /^carecast seek: --setting: lever "Beds" \(add-capacity\) has no setting "rooms"; expected one of beds, weeklyCostPerBed/],
    [['--probability', '1.5'], /^carecast seek: --probability: expected a probability above 0 and below 1/],
  ])('refuses %j with exit 2, writing nothing', async (extra, message) => {
    const args = ['seek', 'loss.yaml', '--lever', 'Beds', '--target', 'in_care[total] < 3 by 2027-03-31', '--to', '4', '--out', 'bad-out'];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]!);
      if (at >= 0) args[at + 1] = extra[i + 1]!;
      else args.push(extra[i]!, extra[i + 1]!);
    }
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(path('bad-out'))).toBe(false);
  });

  it('places a bad question of the file at its line and column', async () => {
    const r = await run(['seek', 'bad-question.yaml', '--out', 'bad-out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^bad-question\.yaml:\d+:13: questions\[0\]\.target: in_care is a stock/);
    expect(existsSync(path('bad-out'))).toBe(false);
  });
});

describe('carecast sweep', () => {
  it('runs each value on common random numbers: a table, results.json rows per value and response charts', async () => {
    const r = await run(['sweep', 'loss.yaml', '--lever', 'Beds', '--values', '0,2,4', '--measure', 'in_care[external_residential]', '--measure', 'entries[total] per year', '--target', 'in_care[external_residential] <= 2 by 2027-03-31', '--out', 'sweep-out']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Swept Beds: beds \(beds\) in Loss system: 3 runs of 20 replications on common random numbers \(seed 5\), measures on 2027-03-31/);
    const doc = JSON.parse(read('sweep-out/results.json'));
    expect(doc).toMatchObject({ kind: 'sweep', date: '2027-03-31', axes: [{ lever: 'Beds', setting: 'beds', unit: 'beds', values: [0, 2, 4] }] });
    expect(doc.rows).toHaveLength(3 * 2);
    const entries = doc.rows.filter((row: { measure: string }) => row.measure === 'entries[total] per year').map((row: { mean: number }) => row.mean);
    expect(new Set(entries).size).toBe(1); // the same children enter at every value
    expect(doc.rows.find((row: { measure: string }) => row.measure === 'in_care[external_residential]').probabilityMet).toBeTypeOf('number');
    expect(existsSync(path('sweep-out/charts/sweep-in-care-external-residential.svg'))).toBe(true);
    expect(read('sweep-out/report.html')).toContain('<svg');
  }, 60_000);

  it('sweeps two levers on a grid with heat maps of the target measure and net cost', async () => {
    const r = await run(['sweep', 'loss.yaml', '--lever', 'Beds', '--values', '0,3', '--lever', 'Fewer entries', '--values', '0,20', '--measure', 'in_care[external_residential]', '--replications', '8', '--out', 'grid']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(read('grid/results.json'));
    expect(doc.rows.map((row: { values: number[] }) => row.values.join('/'))).toEqual(['0/0', '0/20', '3/0', '3/20', '0/0', '0/20', '3/0', '3/20']);
    expect(doc.measures.map((m: { measure: string }) => m.measure)).toEqual(['in_care[external_residential]', 'net_cost per year']);
    expect(existsSync(path('grid/charts/sweep-grid-in-care-external-residential.svg'))).toBe(true);
    expect(existsSync(path('grid/charts/sweep-grid-net-cost-per-year.svg'))).toBe(true);
  }, 60_000);

  it('answers the sweep kept in the file, and refuses bad values with exit 2', async () => {
    const r = await run(['sweep', 'loss.yaml', '--out', 'sweep-file', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rows).toHaveLength(2 * 3);
    const bad = await run(['sweep', 'loss.yaml', '--lever', 'Beds', '--values', '0,x', '--out', 'bad-out']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^carecast sweep: --values: "x" is not a number/);
    const order = await run(['sweep', 'loss.yaml', '--lever', 'Beds', '--values', '4,2', '--out', 'bad-out']);
    expect(order.code).toBe(2);
    expect(order.stderr).toMatch(/--values: 2 follows 4; expected distinct values in increasing order/);
    const measure = await run(['sweep', 'loss.yaml', '--lever', 'Beds', '--values', '0,2', '--measure', 'cost[nowhere] per year', '--out', 'bad-out']);
    expect(measure.code).toBe(2);
    expect(measure.stderr).toMatch(/^carecast sweep: --measure: unknown category "nowhere" of cost/);
    expect(existsSync(path('bad-out'))).toBe(false);
  }, 60_000);
});

describe('sweep and seek say when their front end and their long work are done (front-end-done.ts)', () => {
  // The bundle writes its main part's code cache, and bin.js gives V8 its optimising compiler back, when
  // the scenario and the question are read, before the first simulation; bin.js holds the compiler back
  // again when the simulations are done, before the results folder is written.
  it.each([
    ['sweep', ['--lever', 'Beds', '--values', '0,2']],
    ['seek', ['--lever', 'Beds', '--target', 'placed_out_of_preference[total] per year <= 8 by 2027-03-31', '--from', '0', '--to', '4']],
  ])('%s', async (command, options) => {
    const out = `${command}-front-end`;
    const seen: string[] = [];
    whenFrontEndDone(() => seen.push(`front end done; results folder ${existsSync(path(out))}`));
    whenLongWorkDone(() => seen.push(`long work done; results folder ${existsSync(path(out))}`));
    const r = await run([command, 'loss.yaml', ...options, '--replications', '4', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen).toEqual(['front end done; results folder false', 'long work done; results folder false']);
    expect(existsSync(path(out))).toBe(true);
  }, 60_000);
});
