// What a user waits for: whole commands of the built CLI, as `pnpm carecast` runs them, in CPU time
// (user + system of the child process and its threads, from GNU time), each against a reference
// measured in this same run: `node -e 0` for start-up, and the simulation alone (in this process, one
// thread) for a whole `carecast run`. CPU time, not wall time, so other loads on the machine do not
// flip a verdict. Goals from the speed issue; each line prints its figure, target and PASS or FAIL.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { simulate } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';

const repo = fileURLToPath(new URL('../', import.meta.url));
const cli = join(repo, 'packages/cli/dist/bin.js');
const REPEATS = 3;

/** CPU seconds (user + system) of one child process, read from GNU time's report. */
function childCpuSeconds(args: readonly string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-bench-'));
  const report = join(dir, 'time.txt');
  try {
    execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', report, process.execPath, ...args], { cwd: repo, stdio: 'ignore' });
    const [user, system] = readFileSync(report, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    return user! + system!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

const REPLICATIONS = 1000;
const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });
await simulate(params, { seed: 1, replications: 4, workers: 1 }); // JIT warm-up, as the child pays its own
const c0 = cpuUsage();
await simulate(params, { seed: 1, replications: REPLICATIONS, workers: 1 });
const c = cpuUsage(c0);
const simulationCpu = (c.user + c.system) / 1e6;
const out = mkdtempSync(join(tmpdir(), 'carecast-bench-out-'));
try {
  const runCpu = childCpuSeconds([cli, 'run', 'scenarios/baseline.yaml', '--replications', String(REPLICATIONS), '--seed', '1', '--workers', '1', '--out', join(out, 'run')]);
  verdict(
    `carecast run baseline x ${REPLICATIONS} (results, summary, report) CPU / simulation alone CPU`,
    runCpu / simulationCpu,
    1.3,
    `${runCpu.toFixed(2)} s against ${simulationCpu.toFixed(2)} s`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
