import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace } from '../helpers.js';
import { bedsLever, FEWER_ENTRIES, lossSystem, scenarioFolder } from '../loss-system.js';

// `carecast report` on a sweep's or a seek's results.json: the same report the command wrote, drawn
// again from the saved document; a document lacking what the page needs: exit 2, a message naming the
// field and the command that writes the report, nothing written.
const SMALL = lossSystem({ name: 'Small loss system', horizon: '1 year', replications: 12, seed: 2, entriesPerYear: 60, exitsPerYear: 20, beds: 1, levers: [bedsLever(), FEWER_ENTRIES] });
const { path, run, read } = scenarioFolder({ 'small.yaml': SMALL });

/**
 * Every file under `dir` but results.json, by path relative to it, with its bytes. Vega numbers the
 * gradients of a legend from a counter of the process (`gradient_0`, `gradient_1`, ...), so a chart drawn
 * twice in one process (as here: the command, then the report) differs in those ids alone; they are
 * renumbered in order of appearance. Each command run on its own draws the same ids.
 */
function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const root = path(dir);
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'results.json') out.set(relative(root, p), renumberGradients(readFileSync(p, 'latin1')));
    }
  };
  walk(root);
  return out;
}

function renumberGradients(text: string): string {
  const ids = new Map<string, number>();
  return text.replace(/gradient_\d+/g, (id) => `gradient_${ids.get(id) ?? ids.set(id, ids.size).size - 1}`);
}

/** A copy of `from`/results.json with `edit` applied, written to `to`. */
function edited(from: string, to: string, edit: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(read(`${from}/results.json`)) as Record<string, unknown>;
  edit(doc);
  writeFileSync(path(to), JSON.stringify(doc));
  return to;
}

describe('carecast report on a sweep or a seek', () => {
  it('draws a one-lever sweep\'s report again: the same files, byte for byte', async () => {
    const sweep = await run(['sweep', 'small.yaml', '--lever', 'Beds', '--values', '0,2', '--measure', 'in_care[external_residential]', '--target', 'in_care[external_residential] <= 2 by 2026-03-31', '--out', 'sweep']);
    expect(sweep.code).toBe(0);
    const r = await run(['report', 'sweep/results.json', '--out', 'sweep-again']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote \d+ report files to sweep-again\//);
    const before = filesOf('sweep');
    expect([...before.keys()].sort()).toContain('report.html');
    expect(filesOf('sweep-again')).toEqual(before);
  }, 60_000);

  it('draws a two-lever sweep\'s heat maps again, and a seek\'s report, the same files; --png adds each chart as PNG', async () => {
    expect((await run(['sweep', 'small.yaml', '--lever', 'Beds', '--values', '0,2', '--lever', 'Fewer entries', '--values', '0,20', '--measure', 'in_care[external_residential]', '--out', 'grid'])).code).toBe(0);
    expect((await run(['report', 'grid/results.json', '--out', 'grid-again'])).code).toBe(0);
    expect(filesOf('grid-again')).toEqual(filesOf('grid'));
    expect(filesOf('grid').has('charts/sweep-grid-net-cost-per-year.svg')).toBe(true);

    const seek = await run(['seek', 'small.yaml', '--lever', 'Beds', '--target', 'placed_out_of_preference[total] per year <= 20 by 2026-03-31', '--to', '8', '--out', 'seek']);
    expect(seek.code).toBe(0);
    const r = await run(['report', 'seek/results.json', '--out', 'seek-again', '--png', '--json']);
    expect(r.code).toBe(0);
    const again = filesOf('seek-again');
    for (const [path, bytes] of filesOf('seek')) expect(again.get(path), path).toBe(bytes);
    expect(JSON.parse(r.stdout).files).toContain('charts/seek-response.png');
    expect(readFileSync(path('seek-again/charts/seek-response.png')).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);

  it.each([
    ['sweep', 'rows', (d: Record<string, unknown>) => delete d['rows'], /this sweep results\.json has no usable rows \(expected a list of entries with values, measure, mean/],
    ['sweep', 'rows[1].p95', (d: Record<string, unknown>) => delete (d['rows'] as Record<string, unknown>[])[1]!['p95'], /has no usable rows\[1\]\.p95 \(expected a number\)/],
    ['sweep', 'axes', (d: Record<string, unknown>) => ((d['axes'] as Record<string, unknown>[])[0]!['values'] = []), /has no usable axes\[0\]\.values \(expected a list of numbers\)/],
    ['seek', 'evidence', (d: Record<string, unknown>) => delete d['evidence'], /this seek results\.json has no usable evidence/],
    ['seek', 'bracket', (d: Record<string, unknown>) => (d['bracket'] = 'guess'), /has no usable bracket \(expected one of expected-value, simulation, none\)/],
    ['seek', 'scenario', (d: Record<string, unknown>) => delete d['scenario'], /this seek results\.json has no scenario\.name/],
  ])('a %s results.json without %s: exit 2 naming the field and the command that writes the report, nothing written', async (kind, field, edit, message) => {
    const source = kind === 'sweep' ? 'sweep' : 'seek';
    if (!existsSync(path(`${source}/results.json`))) {
      const argv = kind === 'sweep'
        ? ['sweep', 'small.yaml', '--lever', 'Beds', '--values', '0,2', '--out', 'sweep']
        : ['seek', 'small.yaml', '--lever', 'Beds', '--target', 'placed_out_of_preference[total] per year <= 20 by 2026-03-31', '--to', '8', '--out', 'seek'];
      expect((await run(argv)).code).toBe(0);
    }
    const file = edited(source, `trimmed-${kind}-${field}.json`, edit);
    const r = await run(['report', file, '--out', 'trimmed-out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`\`carecast ${kind}\` writes that report`);
    expect(r.stderr.startsWith(`carecast report: ${file}: `)).toBe(true);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(existsSync(path('trimmed-out'))).toBe(false);
  }, 60_000);

  it('names an unknown kind of document', async () => {
    writeFileSync(path('other.json'), JSON.stringify({ schemaVersion: 1, kind: 'forecast', scenario: { name: 'x' } }));
    const r = await run(['report', 'other.json', '--out', 'other-out']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/other\.json: a results\.json of kind "forecast"; expected one written by carecast run, compare \(no kind\), sweep or seek/);
    expect(existsSync(path('other-out'))).toBe(false);
  });
});
