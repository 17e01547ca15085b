// What a user waits for: whole commands of the built CLI, as `pnpm carecast` runs them, in CPU time
// (user + system of the child process and its threads, from GNU time), each against a reference
// measured in this same run: `node -e 0` for start-up, and for a whole `carecast run` the simulation
// alone as a fresh process pays it (the `simulate` call of one thread, timed inside a child process
// that has only imported the engine and compiled the scenario: V8's compiling of the simulation's code
// included, as in the command; start-up, the scenario, the summary and the report left out). CPU time,
// not wall time, so other loads on the machine do not flip a verdict. Goals from the speed issue; each
// line prints its figure, target and PASS or FAIL.
// Last, the peak memory of whole runs as the replications grow (GNU time's maximum resident size).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { simulate, type ModelParameters } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';

const repo = fileURLToPath(new URL('../', import.meta.url));
const cli = join(repo, 'packages/cli/dist/bin.js');
const REPLICATIONS = 1000;
const SIMULATION_CHILD = 'CARECAST_COMMAND_BENCH_SIMULATION';

/** The simulation alone, in this process: CPU seconds of one `simulate` call (all threads). */
async function simulationCpuSeconds(params: ModelParameters): Promise<number> {
  const c0 = cpuUsage();
  await simulate(params, { seed: 1, replications: REPLICATIONS, workers: 1 });
  const c = cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

if (process.env[SIMULATION_CHILD]) {
  // Child mode: a fresh process's simulation alone, printed as one number of CPU seconds.
  const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });
  console.log(String(await simulationCpuSeconds(params)));
  process.exit(0);
}

const REPEATS = 3;
/**
 * Pairs of the whole-run line: a pair's ratio moves by 0.1-0.3x with the load of the moment on a shared
 * machine, so the verdict is the median of seven (three flipped PASS and FAIL between runs of the same build).
 */
const RUN_PAIRS = 7;

/** CPU seconds (user + system) and peak resident memory (MB) of one child process, from GNU time's report. */
function childUsage(args: readonly string[]): { cpu: number; peakMb: number } {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-bench-'));
  const report = join(dir, 'time.txt');
  try {
    execFileSync('/usr/bin/time', ['-f', '%U %S %M', '-o', report, process.execPath, ...args], { cwd: repo, stdio: 'ignore' });
    const [user, system, peakKb] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
    return { cpu: user! + system!, peakMb: peakKb! / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const childCpuSeconds = (args: readonly string[]): number => childUsage(args).cpu;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medianCpu = (args: readonly string[]): number => median(Array.from({ length: REPEATS }, () => childCpuSeconds(args)));

function verdict(label: string, ratio: number, target: number, detail: string): void {
  console.log(`${label}: ${ratio.toFixed(2)}x (target <= ${target}x: ${ratio <= target ? 'PASS' : 'FAIL'}); ${detail}`);
}

const nodeStart = medianCpu(['-e', '0']);
for (const [label, args] of [
  ['carecast --version', ['--version']],
  ['carecast validate scenarios/baseline.yaml', ['validate', 'scenarios/baseline.yaml']],
] as const) {
  const cpu = medianCpu([cli, ...args]);
  verdict(`${label} CPU / node -e 0 CPU`, cpu / nodeStart, 5, `${cpu.toFixed(2)} s against ${nodeStart.toFixed(3)} s`);
}

/** The simulation alone in a fresh process (see the head of this file): CPU seconds. */
function coldSimulationCpuSeconds(): number {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, [SIMULATION_CHILD]: '1' },
  });
  const seconds = Number(child.stdout.trim());
  if (child.status !== 0 || !Number.isFinite(seconds)) throw new Error(`the simulation's child process failed: ${child.stderr}`);
  return seconds;
}

const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });
await simulate(params, { seed: 1, replications: 4, workers: 1 }); // this process's JIT warm-up, for the warm line
// RUN_PAIRS rounds, each the simulation alone in a fresh process, the whole command, then the
// simulation alone again in this warmed process, so a change of load on the machine falls on all three;
// the verdict is the median of the rounds' ratios against the fresh process's simulation. The warm
// ratio is printed for information: it charges V8's compiling of the simulation's code (about 0.3 s of
// its compiler threads' CPU) to the command, which pays it as any fresh process running the simulation does.
const pairs: { simulation: number; run: number; warm: number }[] = [];
const out = mkdtempSync(join(tmpdir(), 'carecast-bench-out-'));
try {
  for (let i = 0; i < RUN_PAIRS; i++) {
    const simulation = coldSimulationCpuSeconds();
    const run = childCpuSeconds([cli, 'run', 'scenarios/baseline.yaml', '--replications', String(REPLICATIONS), '--seed', '1', '--workers', '1', '--out', join(out, `run${i}`)]);
    const warm = await simulationCpuSeconds(params);
    pairs.push({ simulation, run, warm });
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
verdict(
  `carecast run baseline x ${REPLICATIONS} (results, summary, report; no --png) CPU / simulation alone CPU`,
  median(pairs.map((p) => p.run / p.simulation)),
  1.3,
  `median of ${RUN_PAIRS} rounds; the command against a fresh process's simulation: ${pairs.map((p) => `${p.run.toFixed(2)} s against ${p.simulation.toFixed(2)} s`).join(', ')}`,
);
console.log(
  `  for information, against the simulation in this warmed process (its code compiled before): ${median(pairs.map((p) => p.run / p.warm)).toFixed(2)}x; ${pairs.map((p) => `${p.warm.toFixed(2)} s`).join(', ')}`,
);

// Memory of a Monte Carlo run: peak resident memory of the whole built command (results, summary,
// report), at growing replication counts; the goal is a real run of 100,000 replications (several
// minutes on two cores: `CARECAST_BENCH_MEMORY=quick` stops at 4,000 and prints the slope only).
const MEMORY_TARGET_MB = 300;
const memoryRuns = process.env['CARECAST_BENCH_MEMORY'] === 'quick' ? [1000, 4000] : [1000, 4000, 100_000];
const peaks: [number, number][] = [];
const memOut = mkdtempSync(join(tmpdir(), 'carecast-bench-mem-'));
try {
  for (const n of memoryRuns) {
    const { peakMb } = childUsage([cli, 'run', 'scenarios/baseline.yaml', '--replications', String(n), '--seed', '1', '--out', join(memOut, `r${n}`)]);
    peaks.push([n, peakMb]);
    console.log(`carecast run baseline x ${n}: peak resident memory ${peakMb.toFixed(0)} MB`);
  }
} finally {
  rmSync(memOut, { recursive: true, force: true });
}
const [[n0, m0], [n1, m1]] = peaks as [[number, number], [number, number]];
console.log(`memory growth from ${n0} to ${n1} replications: ${(((m1 - m0) / (n1 - n0)) * 1000).toFixed(1)} MB per 1,000 replications (was about 100)`);
const last = peaks.at(-1)!;
if (last[0] === 100_000) {
  console.log(`carecast run baseline x 100000 peak resident memory: ${last[1].toFixed(0)} MB (target <= ${MEMORY_TARGET_MB} MB: ${last[1] <= MEMORY_TARGET_MB ? 'PASS' : 'FAIL'})`);
} else {
  console.log(`carecast run baseline x 100000 peak resident memory: not measured (CARECAST_BENCH_MEMORY=quick): no verdict`);
}
