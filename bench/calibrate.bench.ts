// Calibration throughput: one million SSDA903 episode rows (synthetic, generated here) read, cleaned
// and calibrated in at most 15 s and 2 GB of memory; with CARECAST_BENCH_LAS=10 the same returns are
// stacked for ten authorities (LA and YEAR columns, YEAR labelled by the start year as the regional
// model does): ten million rows within 2 GB. The timed part runs in a child process so its peak resident
// memory is its own, not the generator's; a second child reads the same Episodes files with csv-parse,
// the streaming parser the issue suggested, as the reference in the same run.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import type { ModelParameters } from '@carecast/engine';
import {
  calibrate,
  eachSpell,
  findSsda903Files,
  readSsda903,
  writeSsda903,
  type Ssda903Files,
} from '../packages/data/src/index.js';
import { simulateIndependent } from '../packages/data/src/synth/independent-simulator.js';

/** Authorities stacked (each a copy of the ~1M-row synthetic returns under its own LA code). */
const LAS = Math.max(1, Number(process.env['CARECAST_BENCH_LAS'] ?? 1));
const TARGET_ROWS = 1_000_000 * LAS;
/** CPU seconds per million rows (read, clean, calibrate). */
const LIMIT_SECONDS_PER_MILLION = 15;
const LIMIT_MB = 2048;

/** A national-scale population: ~84,000 in care, ~33,000 starts a year (docs/domain.md §5). */
function nationalModel(scale: number): ModelParameters {
  const n = (x: number) => Math.round(x * scale);
  return {
    start: '2017-04-01',
    end: '2024-03-31',
    initialPopulation: {
      counts: [
        { category: 'kinship_foster', ageBand: '5-9', count: n(11000) },
        { category: 'inhouse_foster', ageBand: '1-4', count: n(10000) },
        { category: 'inhouse_foster', ageBand: '10-15', count: n(14000) },
        { category: 'ifa_foster', ageBand: '10-15', count: n(20000) },
        { category: 'external_residential', ageBand: '10-15', count: n(9000) },
        { category: 'supported', ageBand: '16-17', count: n(8000) },
        { category: 'placed_with_parents', ageBand: '5-9', count: n(5000) },
        { category: 'other', ageBand: '16-17', count: n(3000) },
      ],
    },
    entries: {
      perYear: { '<1': n(5300), '1-4': n(5000), '5-9': n(5000), '10-15': n(8600), '16-17': n(6000) },
      routeShares: { care_proceedings: 0.55, section20: 0.35, other: 0.1 },
      firstPlacement: {
        '<1': { inhouse_foster: 0.6, placed_with_parents: 0.2, kinship_foster: 0.2 },
        '1-4': { inhouse_foster: 0.5, kinship_foster: 0.3, ifa_foster: 0.2 },
        '5-9': { ifa_foster: 0.5, kinship_foster: 0.3, inhouse_foster: 0.2 },
        '10-15': { ifa_foster: 0.5, external_residential: 0.3, other: 0.2 },
        '16-17': { supported: 0.6, ifa_foster: 0.3, other: 0.1 },
      },
    },
    uasc: { perYear: n(4000), ageBandShares: { '10-15': 0.15, '16-17': 0.85 }, firstPlacement: { '16-17': { supported: 0.8, ifa_foster: 0.2 }, '10-15': { ifa_foster: 1 } } },
    transitions: {
      durationBandsDays: [90, 365, 730],
      rates: [
        { from: 'inhouse_foster', to: { exit: 'reunification' }, perYear: 0.35 },
        { from: 'inhouse_foster', to: { category: 'ifa_foster' }, perYear: 0.15 },
        { from: 'inhouse_foster', to: { exit: 'adoption' }, perYear: 0.3, ageBands: ['<1', '1-4'] },
        { from: 'kinship_foster', to: { exit: 'special_guardianship' }, perYear: 0.3 },
        { from: 'ifa_foster', to: { exit: 'reunification' }, perYear: 0.2 },
        { from: 'ifa_foster', to: { category: 'external_residential' }, perYear: 0.1 },
        { from: 'ifa_foster', to: { category: 'inhouse_foster' }, perYear: 0.08 },
        { from: 'external_residential', to: { category: 'ifa_foster' }, perYear: 0.2 },
        { from: 'external_residential', to: { category: 'secure' }, perYear: 0.03 },
        { from: 'secure', to: { category: 'external_residential' }, perYear: 3 },
        { from: 'supported', to: { exit: 'independent_living' }, perYear: 0.3 },
        { from: 'placed_with_parents', to: { exit: 'reunification' }, perYear: 0.5 },
        { from: 'other', to: { category: 'ifa_foster' }, perYear: 1 },
      ],
    },
    ageOut: { independent_living: 0.6, staying_put: 0.3, adult_care: 0.1 },
    supply: { capacity: {}, fallback: {} },
    costs: { weeklyCost: {} },
  };
}

async function timedCalibration(dir: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const raw = await readSsda903(await inputsIn(dir));
  const readCpu = process.cpuUsage(cpu0);
  const rows = raw.quality.rows.episodes;
  const t1 = performance.now();
  // As `carecast calibrate` does: spells made one child at a time and fed straight to the estimator.
  let spells = 0;
  const counted = function* () {
    for (const s of eachSpell(raw)) {
      spells++;
      yield s;
    }
  };
  const result = calibrate(counted(), { referenceStart: '2020-04-01', referenceEnd: '2024-03-31', durationBandsDays: [90, 365, 730] });
  const t3 = performance.now();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const cpuUsed = process.cpuUsage(cpu0);
  const stock = (result.parameters.initialPopulation.counts ?? []).reduce((s, c) => s + c.count, 0);
  console.log(
    JSON.stringify({ cpu: (cpuUsed.user + cpuUsed.system) / 1e6, readCpu: (readCpu.user + readCpu.system) / 1e6, rows, spells, stock, rates: result.parameters.transitions.rates.length, read: (t1 - t0) / 1000, calibrate: (t3 - t1) / 1000, maxRssMb }),
  );
}

/** The reference: the same Episodes files read by csv-parse (records only, nothing kept). */
async function csvParseReading(dir: string): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let rows = 0;
  for (const file of (await inputsIn(dir)).episodes) {
    const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
    for await (const record of parser) if ((record as string[]).length > 0) rows++;
    rows--; // the header row
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ rows, seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** The per-year folder of one authority, or the stacked files of several. */
async function inputsIn(dir: string): Promise<Ssda903Files> {
  if (LAS === 1) return findSsda903Files(join(dir, 'base'));
  const at = (t: string) => [join(dir, 'stacked', `${t}.csv`)];
  return { header: at('header'), episodes: at('episodes'), uasc: at('uasc') };
}

/** Stacks the base returns for LAS authorities: `LA,YEAR,` before each row, YEAR the start year. */
async function stack(dir: string): Promise<void> {
  const base = join(dir, 'base');
  mkdirSync(join(dir, 'stacked'));
  const years = readdirSync(base).filter((n) => /^\d{4}$/.test(n)).sort();
  for (const table of ['header', 'episodes', 'uasc']) {
    const out = createWriteStream(join(dir, 'stacked', `${table}.csv`));
    let headerWritten = false;
    for (let la = 1; la <= LAS; la++) {
      for (const year of years) {
        let first = true;
        for await (const line of createInterface({ input: createReadStream(join(base, year, `${table}.csv`)) })) {
          const text = first ? (headerWritten ? null : `LA,YEAR,${line}\n`) : `E${String(la).padStart(8, '0')},${Number(year) - 1},${line}\n`;
          if (first) headerWritten = true;
          first = false;
          if (text !== null && !out.write(text)) await once(out, 'drain');
        }
      }
    }
    out.end();
    await once(out, 'finish');
  }
}

function child(dir: string, mode: string): Record<string, number> {
  const run = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, CARECAST_CALIBRATE_BENCH_DIR: dir, CARECAST_CALIBRATE_BENCH_MODE: mode },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (run.status !== 0) throw new Error(`${mode} child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>;
}

if (process.env['CARECAST_CALIBRATE_BENCH_DIR']) {
  if (process.env['CARECAST_CALIBRATE_BENCH_MODE'] === 'csv-parse') await csvParseReading(process.env['CARECAST_CALIBRATE_BENCH_DIR']);
  else await timedCalibration(process.env['CARECAST_CALIBRATE_BENCH_DIR']);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-calibrate-bench-'));
  try {
    const g0 = performance.now();
    // Rows grow linearly with the population: this scale gives ~1M episode rows over 7 returns.
    const records = simulateIndependent(nationalModel(0.96), 1);
    await writeSsda903(records, join(dir, 'base'), 1);
    if (LAS > 1) await stack(dir);
    console.log(`generated synthetic SSDA903 (7 yearly returns${LAS > 1 ? `, stacked for ${LAS} authorities` : ''}) in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const m = child(dir, 'calibrate');
    const ref = child(dir, 'csv-parse');
    const seconds = m['read']! + m['calibrate']!;
    const perMillion = (seconds * 1_000_000) / m['rows']!;
    // CPU seconds: the wall time of a machine shared with other work says little about the code.
    const cpuPerMillion = (m['cpu']! * 1_000_000) / m['rows']!;
    const ok = m['rows']! >= TARGET_ROWS * 0.95 && cpuPerMillion <= LIMIT_SECONDS_PER_MILLION && m['maxRssMb']! <= LIMIT_MB;
    // Reading rates on CPU time, so a machine shared with other work does not skew the ratio.
    const rate = m['rows']! / m['readCpu']!;
    const refRate = ref['rows']! / ref['cpu']!;
    console.log(
      `calibrate: ${m['rows']!.toLocaleString('en-GB')} episode rows -> ${m['spells']!.toLocaleString('en-GB')} spells, stock ${m['stock']!.toLocaleString('en-GB')}, ${m['rates']} rates; ` +
        `read ${m['read']!.toFixed(2)} s + clean and estimate ${m['calibrate']!.toFixed(2)} s = ${seconds.toFixed(2)} s ` +
        `(${(m['rows']! / seconds / 1000).toFixed(0)}k rows/s, ${perMillion.toFixed(2)} s per million rows); peak RSS ${m['maxRssMb']!.toFixed(0)} MB` +
        `; ${cpuPerMillion.toFixed(2)} CPU s per million rows (limits ${LIMIT_SECONDS_PER_MILLION} CPU s per million rows, ${LIMIT_MB} MB): ${ok ? 'PASS' : 'FAIL'}\n` +
        `  reading (CPU time): ${(rate / 1000).toFixed(0)}k rows/s read, checked and stored, against ${(refRate / 1000).toFixed(0)}k rows/s for csv-parse alone on the same files ` +
        `(ratio ${(rate / refRate).toFixed(2)}; csv-parse peak RSS ${ref['maxRssMb']!.toFixed(0)} MB)\n` +
        `  CPU time ${m['cpu']!.toFixed(2)} s; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (wall time grows when the machine is shared)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
