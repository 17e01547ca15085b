// Calibration throughput: one million SSDA903 episode rows (synthetic, generated here) read, cleaned
// and calibrated in at most 15 s and 2 GB of memory. The timed part runs in a child process so its
// peak resident memory is its own, not the generator's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelParameters } from '@carecast/engine';
import {
  buildSpells,
  calibrate,
  findSsda903Files,
  readSsda903,
  simulateIndependent,
  writeSsda903,
} from '../packages/data/src/index.js';

const TARGET_ROWS = 1_000_000;
const LIMIT_SECONDS = 15;
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
  const raw = await readSsda903(await findSsda903Files(dir));
  const rows = raw.quality.rows.episodes;
  const t1 = performance.now();
  const spells = buildSpells(raw);
  const t2 = performance.now();
  const result = calibrate(spells, { referenceStart: '2020-04-01', referenceEnd: '2024-03-31', durationBandsDays: [90, 365, 730] });
  const t3 = performance.now();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  const cpuUsed = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({ cpu: (cpuUsed.user + cpuUsed.system) / 1e6, rows, spells: spells.length, rates: result.parameters.transitions.rates.length, read: (t1 - t0) / 1000, clean: (t2 - t1) / 1000, calibrate: (t3 - t2) / 1000, maxRssMb }),
  );
}

if (process.env['CARECAST_CALIBRATE_BENCH_DIR']) {
  await timedCalibration(process.env['CARECAST_CALIBRATE_BENCH_DIR']);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-calibrate-bench-'));
  try {
    const g0 = performance.now();
    // Rows grow linearly with the population: this scale gives ~1M episode rows over 7 returns.
    const records = simulateIndependent(nationalModel(0.96), 1);
    await writeSsda903(records, dir, 1);
    console.log(`generated synthetic SSDA903 (7 yearly returns) in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      env: { ...process.env, CARECAST_CALIBRATE_BENCH_DIR: dir },
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`calibration child failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout.trim().split('\n').pop()!) as { cpu: number; rows: number; spells: number; rates: number; read: number; clean: number; calibrate: number; maxRssMb: number };
    const seconds = m.read + m.clean + m.calibrate;
    const perMillion = (seconds * TARGET_ROWS) / m.rows;
    const ok = m.rows >= TARGET_ROWS && seconds <= LIMIT_SECONDS && m.maxRssMb <= LIMIT_MB;
    console.log(
      `calibrate: ${m.rows.toLocaleString('en-GB')} episode rows -> ${m.spells.toLocaleString('en-GB')} spells, ${m.rates} rates; ` +
        `read ${m.read.toFixed(2)} s + clean ${m.clean.toFixed(2)} s + estimate ${m.calibrate.toFixed(2)} s = ${seconds.toFixed(2)} s ` +
        `(${(m.rows / seconds / 1000).toFixed(0)}k rows/s, ${perMillion.toFixed(2)} s per million rows); peak RSS ${m.maxRssMb.toFixed(0)} MB ` +
        `(limits ${LIMIT_SECONDS} s, ${LIMIT_MB} MB): ${ok ? 'PASS' : 'FAIL'}\n` +
        `  CPU time ${m.cpu.toFixed(2)} s; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores (wall time grows when the machine is shared)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
