import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resultsToCsv } from '@carecast/engine';
import { whenFrontEndDone, whenLongWorkDone } from '../../src/front-end-done.js';
import { memoryIO } from '../../src/index.js';
import { progressBar } from '../../src/output/progress.js';
import { cli, REPO, tempDir } from '../helpers.js';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir();
  // Six months and a few replications keep these runs quick; the model is the real baseline.
  writeFileSync(join(tmp.dir, 'short.yaml'), `extends: ${join(REPO, 'scenarios/early-help-25.yaml')}\nname: Short\nhorizon: 6 months\n`);
});
afterAll(() => tmp.remove());

describe('carecast run', () => {
  it('--json prints the key numbers, files and levers; results do not depend on --workers', async () => {
    const one = await cli(['run', 'short.yaml', '--replications', '4', '--workers', '1', '--out', 'w1', '--json'], tmp.dir);
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    const out = JSON.parse(one.stdout);
    expect(out.scenario).toBe('Short');
    expect(out.files).toEqual(expect.arrayContaining(['results.json', 'summary.csv', 'report.html']));
    expect(out.keyNumbers.columns).toEqual(['Start (1 Apr 2025)', 'End (to 30 Sep 2025)']);
    expect(out.keyNumbers.blocks[0].rows[0]).toMatchObject({ label: 'Children in care', cells: ['450 (450 to 450)', expect.stringMatching(/^\d+ \(\d+ to \d+\)$/)] });
    expect(out.levers).toEqual([
      'Early help: care-proceedings entries cut by 25% from 2025-04-01, full effect after 12 months',
      'Early-help service: a service costing £600,000 a year from 2025-04-01, full effect after 12 months',
    ]);
    const two = await cli(['run', 'short.yaml', '--replications', '4', '--workers', '2', '--out', 'w2', '--json'], tmp.dir);
    expect(two.code).toBe(0);
    const a = readFileSync(join(tmp.dir, 'w1', 'results.json'));
    const b = readFileSync(join(tmp.dir, 'w2', 'results.json'));
    expect(a.equals(b)).toBe(true);
    // summary.csv: a byte-order mark, then the engine's CSV of the results, in UTF-8.
    const csv = readFileSync(join(tmp.dir, 'w1', 'summary.csv'));
    expect(csv.equals(Buffer.from(`\uFEFF${resultsToCsv(JSON.parse(a.toString('utf8')))}`, 'utf8'))).toBe(true);
  }, 60_000);

  it('--mode expected-value writes a deterministic projection marked as such', async () => {
    const r = await cli(['run', 'short.yaml', '--mode', 'expected-value', '--out', 'ev'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Short: expected-value projection, 2025-04-01 to 2025-09-30/);
    const results = JSON.parse(readFileSync(join(tmp.dir, 'ev', 'results.json'), 'utf8'));
    expect(results.mode).toBe('expected-value');
    expect(results.series.find((s: { metric: string; category: string }) => s.metric === 'in_care' && s.category === 'total').mean).toBeCloseTo(450, 6);
  }, 60_000);

  it('the text output shows the levers, the key-numbers table and where the files went', async () => {
    const r = await cli(['run', 'short.yaml', '--replications', '3', '--out', 'txt'], tmp.dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Short: 3 replications, seed 1, 2025-04-01 to 2025-09-30$/m);
    expect(r.stdout).toMatch(/^ {2}lever: Early help: /m);
    expect(r.stdout).toMatch(/^\s+1 Apr 2025\s+30 Sep 2025$/m);
    expect(r.stdout).toMatch(/^ {2}Children in care\s+450 \(450 to 450\)\s+\d+ \(\d+ to \d+\)$/m);
    expect(r.stdout).toMatch(/^Wrote \d+ files to txt\//m);
  }, 60_000);

  it('writes charts as SVG, and as PNG too only with --png (run and report)', async () => {
    const charts = (dir: string) => readdirSync(join(tmp.dir, dir, 'charts')).sort();
    const isPng = (file: string) => readFileSync(join(tmp.dir, file)).subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await cli(['run', 'short.yaml', '--replications', '2', '--out', 'svg-only'], tmp.dir)).code).toBe(0);
    const svgOnly = charts('svg-only');
    expect(svgOnly.filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(5);
    expect(svgOnly.filter((f) => f.endsWith('.png'))).toEqual([]);

    expect((await cli(['run', 'short.yaml', '--replications', '2', '--out', 'with-png', '--png'], tmp.dir)).code).toBe(0);
    const withPng = charts('with-png');
    const svgNames = withPng.filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4));
    expect(svgNames).toEqual(svgOnly.filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)));
    expect(withPng.filter((f) => f.endsWith('.png'))).toEqual(svgNames.map((n) => `${n}.png`));
    for (const n of svgNames) expect(isPng(join('with-png', 'charts', `${n}.png`)), n).toBe(true);
    // The same results either way: --png adds files, it changes none.
    expect(readFileSync(join(tmp.dir, 'with-png', 'results.json')).equals(readFileSync(join(tmp.dir, 'svg-only', 'results.json')))).toBe(true);

    expect((await cli(['report', 'svg-only/results.json', '--out', 'redrawn', '--png'], tmp.dir)).code).toBe(0);
    expect(charts('redrawn').filter((f) => f.endsWith('.png'))).toEqual(svgNames.map((n) => `${n}.png`));
  }, 120_000);
});

describe('progress bar', () => {
  it('draws nothing when stderr is not a terminal', () => {
    const io = memoryIO('/');
    const bar = progressBar(io, 'x');
    bar.update(1, 2);
    bar.update(2, 2);
    bar.done();
    expect(io.err()).toBe('');
  });

  it('on a terminal, draws only once a run has lasted a second, and clears itself', () => {
    vi.useFakeTimers();
    try {
      const io = memoryIO('/', { stderrIsTTY: true });
      const bar = progressBar(io, 'Baseline');
      bar.update(1, 10);
      expect(io.err()).toBe('');
      vi.advanceTimersByTime(1500);
      bar.update(5, 10);
      expect(io.err()).toContain('Baseline [###############---------------] 5/10 replications');
      bar.done();
      expect(io.err().endsWith('\r\x1b[K')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a short run on a terminal prints nothing', () => {
    const io = memoryIO('/', { stderrIsTTY: true });
    const bar = progressBar(io, 'x');
    bar.update(10, 10);
    bar.done();
    expect(io.err()).toBe('');
  });
});

describe('carecast run says when its front end and its simulation are done (front-end-done.ts)', () => {
  it('front end done before the simulation, long work done after it, both before the results folder is written', async () => {
    const out = join(tmp.dir, 'moments');
    const seen: string[] = [];
    whenFrontEndDone(() => seen.push(`front end done; results folder ${existsSync(out)}`));
    whenLongWorkDone(() => seen.push(`long work done; results folder ${existsSync(out)}`));
    const r = await cli(['run', 'short.yaml', '--replications', '3', '--workers', '1', '--out', out], tmp.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(seen).toEqual(['front end done; results folder false', 'long work done; results folder false']);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  }, 60_000);
});
