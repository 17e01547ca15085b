import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results, SeriesRow } from '@carecast/engine';
import { main, memoryIO } from '@carecast/cli';
import { carecast, tempDir } from './helpers.js';

let tmp: ReturnType<typeof tempDir>;
let out: string;
let run: Awaited<ReturnType<typeof carecast>>;
let results: Results;

beforeAll(async () => {
  tmp = tempDir();
  out = join(tmp.dir, 'out');
  run = await carecast(['run', 'scenarios/baseline.yaml', '--replications', '20', '--out', out]);
  results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
}, 120_000);
afterAll(() => tmp.remove());

const isMonthEnd = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
};

describe('carecast run scenarios/baseline.yaml --replications 20', () => {
  it('exits 0 and prints the key numbers', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Anytown baseline: 20 replications, seed 1, 2025-04-01 to 2030-03-31/);
    expect(run.stdout).toMatch(/^ {2}Children in care\s+450 \(450 to 450\)(\s+\d+ \(\d+ to \d+\)){5}$/m);
    expect(run.stdout).toMatch(/^ {2}Placement cost in the year \(GBP million\)(\s+\d+\.\d\d){5}$/m);
  });

  it("prints the report's key numbers: the same cells as report.html, from results.json alone", async () => {
    const { keyNumbers, keyNumbersText } = await import('@carecast/report');
    const k = keyNumbers({ results });
    expect(k.columns).toEqual(['Start (1 Apr 2025)', ...[2026, 2027, 2028, 2029, 2030].map((y, i) => `Year ${i + 1} (to 31 Mar ${y})`)]);
    expect(run.stdout).toContain(keyNumbersText(k));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const block of k.blocks) for (const row of block.rows) for (const cell of row.cells) if (cell !== '') expect(html).toContain(`<td>${cell.replace(/&/g, '&#38;')}</td>`);
    // The terminal's 'Children in care' at year 5 is the mean and 5-95% range of the results row.
    const row = results.series.find((r) => r.metric === 'in_care' && r.category === 'total' && r.date === '2030-03-31' && r.scenario === undefined)!;
    expect(k.blocks[0]!.rows[0]!.cells[5]).toBe(`${Math.round(row.mean)} (${Math.round(row.p05)} to ${Math.round(row.p95)})`);
  });

  it('writes results.json as docs/contract.md describes', () => {
    expect(results.schemaVersion).toBe(1);
    expect(results.tool.name).toBe('carecast');
    expect(results.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(results.scenario).toEqual({ name: 'Anytown baseline', source: 'scenarios/baseline.yaml', description: expect.stringMatching(/^A synthetic mid-size authority with no policy change/) });
    expect(results.levers).toEqual([]);
    expect([results.seed, results.replications, results.start, results.end]).toEqual([1, 20, '2025-04-01', '2030-03-31']);
    expect(results.series.length).toBeGreaterThan(1000);
    for (const r of results.series) {
      for (const k of ['mean', 'p05', 'p25', 'p50', 'p75', 'p95'] as const) expect(Number.isFinite(r[k])).toBe(true);
      expect(r.p05).toBeLessThanOrEqual(r.p95);
      expect(r.date === results.start || isMonthEnd(r.date)).toBe(true);
      expect(r.scenario).toBeUndefined();
    }
    const inCare = results.series.filter((r) => r.metric === 'in_care' && r.category === 'total');
    expect(inCare[0]!.date).toBe('2025-04-01');
    expect(inCare[0]!.mean).toBe(450);
    expect(inCare).toHaveLength(61);
  });

  it('means obey conservation for the total and for every placement category', () => {
    const at = new Map<string, Map<string, number>>();
    for (const r of results.series) {
      const key = `${r.metric}|${r.category}`;
      if (!at.has(key)) at.set(key, new Map());
      at.get(key)!.set(r.date, r.mean);
    }
    const v = (key: string, date: string) => at.get(key)?.get(date) ?? 0;
    const dates = [...at.get('in_care|total')!.keys()];
    const categories = [...at.keys()].filter((k) => k.startsWith('in_care|') && k !== 'in_care|total').map((k) => k.slice(8));
    const moves = [...at.keys()].filter((k) => k.startsWith('moves|'));
    for (let m = 1; m < dates.length; m++) {
      const [d0, d] = [dates[m - 1]!, dates[m]!];
      expect(v('in_care|total', d)).toBeCloseTo(v('in_care|total', d0) + v('entries|total', d) - v('exits|total', d), 6);
      for (const c of categories) {
        const into = moves.filter((k) => k.endsWith(`->${c}`)).reduce((a, k) => a + v(k, d), 0);
        const outOf = moves.filter((k) => k.startsWith(`moves|${c}->`)).reduce((a, k) => a + v(k, d), 0);
        expect(v(`in_care|${c}`, d)).toBeCloseTo(v(`in_care|${c}`, d0) + v(`entries|${c}`, d) + into - outOf - v(`exits_from|${c}`, d), 6);
      }
    }
  });

  it('the stock stays roughly stable around 450 over five years', () => {
    const end = results.series.filter((r: SeriesRow) => r.metric === 'in_care' && r.category === 'total').at(-1)!;
    expect(end.mean).toBeGreaterThan(400);
    expect(end.mean).toBeLessThan(500);
  });

  it('writes summary.csv with one line per row and the report', () => {
    const bytes = readFileSync(join(out, 'summary.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(csv[0]).toMatch(/^date,metric,category,.*mean,p05,p25,p50,p75,p95/);
    expect(csv.length).toBe(results.series.length + 1);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('carecast report re-renders the report from results.json', async () => {
    const io = memoryIO(tmp.dir);
    const code = await main(['report', join(out, 'results.json'), '--out', 'rerendered'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const html = readFileSync(join(tmp.dir, 'rerendered', 'report.html'), 'utf8');
    expect(html).toContain('Anytown baseline (scenarios/baseline.yaml)');
    expect(html).toContain('<p class="description">A synthetic mid-size authority with no policy change');
    expect(html).toContain('No levers: the scenario projects current trends.');
    // The re-rendered page says nothing else the run's did not: it matches byte for byte, as do the charts.
    expect(html).toBe(readFileSync(join(out, 'report.html'), 'utf8'));
    const charts = readdirSync(join(out, 'charts')).sort();
    expect(readdirSync(join(tmp.dir, 'rerendered', 'charts')).sort()).toEqual(charts);
    for (const c of charts.filter((f) => f.endsWith('.svg'))) {
      expect(readFileSync(join(tmp.dir, 'rerendered', 'charts', c), 'utf8')).toBe(readFileSync(join(out, 'charts', c), 'utf8'));
    }
  }, 60_000);

  it('a scenario with levers keeps them in results.json, and carecast report shows them again', async () => {
    // Expected-value mode keeps this quick; results.json and the report are written the same way.
    const early = join(tmp.dir, 'early');
    const ran = await carecast(['run', 'scenarios/early-help-25.yaml', '--mode', 'expected-value', '--out', early]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const stored = JSON.parse(readFileSync(join(early, 'results.json'), 'utf8')) as Results;
    // The early-help lever and the service that delivers it (its cost).
    expect(stored.levers).toHaveLength(2);
    const lever = stored.levers![0]!;
    expect(stored.levers![1]).toMatch(/^Early-help service: a service costing £600,000 a year/);
    expect(ran.stdout).toContain(`  lever: ${lever}`);
    expect(lever).toMatch(/^Early help: care-proceedings entries/);
    // The projection has no spread and approximates supply: no quantile columns, and it says so.
    expect(ran.stdout).toContain('fallbacks, matching and waiting lists act through an approximation');
    expect(ran.stdout).not.toMatch(/5%\s+95%/);
    expect(stored.scenario.description).toMatch(/^Anytown with Rotherham's early-help aim/);
    const io = memoryIO(tmp.dir);
    expect(await main(['report', join(early, 'results.json'), '--out', 'early-rerendered'], io)).toBe(0);
    const html = readFileSync(join(tmp.dir, 'early-rerendered', 'report.html'), 'utf8');
    const escaped = lever.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    expect(html).toContain(`<li>${escaped}</li>`);
    expect(html).not.toContain('The levers are not recorded');
    expect(html).toBe(readFileSync(join(early, 'report.html'), 'utf8'));
  }, 60_000);

  it('a failed run leaves the earlier results intact', async () => {
    const before = readFileSync(join(out, 'results.json'));
    writeFileSync(join(tmp.dir, 'bad.yaml'), 'extends: nowhere.yaml\nname: Bad\n');
    const bad = await carecast(['run', join(tmp.dir, 'bad.yaml'), '--replications', '5', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:1:10: extends: cannot extend "nowhere\.yaml": no such file/);
    expect(readFileSync(join(out, 'results.json')).equals(before)).toBe(true);
  }, 60_000);
});
