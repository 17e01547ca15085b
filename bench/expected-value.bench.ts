// Expected-value projection of Anytown (scenarios/baseline.yaml, 5 years), supply-aware (the default:
// capacity, fallbacks, matching and waiting lists act): CPU time of projectExpected (compiling the
// parameters included) and of compiling them alone (shared with the simulation), best of 9 after
// warm-up, against the CPU time of one simulated replication measured in the same run; also the
// projection without supply. Goal: 20 ms or less on an idle machine, where one replication takes about
// 2.4 ms, so the ratio to hold is about 8 replications; on a shared machine both times grow and the
// ratio is the figure to compare.
// Second line: the first call of a fresh Node process (cold JIT, no stationary-chain points of
// `loss.ts` cached), which is what `carecast run --mode expected-value` and the explorer's first
// preview pay. Goal: 100 ms or less on an idle machine, about 42 replications.
import { execFileSync } from 'node:child_process';
import { cpuUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { projectExpected, simulate } from '@carecast/engine';
import { compileModel } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';

const EV_TARGET_MS = 20;
const FIRST_CALL_TARGET_MS = 100;
const REPLICATION_REFERENCE_MS = 2.4;

const repo = fileURLToPath(new URL('../', import.meta.url));
const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });

const cpuMs = (f: () => unknown): number => {
  const c0 = cpuUsage();
  f();
  const c = cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const best = (f: () => unknown, runs = 9): number => {
  for (let i = 0; i < 3; i++) f();
  return Math.min(...Array.from({ length: runs }, () => cpuMs(f)));
};

// The first call in a fresh process: the scenario compiled there first, then one projectExpected timed.
const FIRST_CALL_SCRIPT = `
import { cpuUsage } from 'node:process';
import { projectExpected } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';
const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: process.cwd() });
const c0 = cpuUsage();
projectExpected(params);
const c = cpuUsage(c0);
process.stdout.write(String((c.user + c.system) / 1000));
`;
const freshFirstCall = (): number => Number(execFileSync(process.execPath, ['--input-type=module', '-e', FIRST_CALL_SCRIPT], { cwd: repo, encoding: 'utf8' }));
const first = Math.min(freshFirstCall(), freshFirstCall(), freshFirstCall());
await simulate(params, { seed: 1, replications: 4, workers: 1 });
const total = best(() => projectExpected(params));
const withoutSupply = best(() => projectExpected(params, { supply: false }));
const compiling = best(() => compileModel(params));
const c0 = cpuUsage();
await simulate(params, { seed: 1, replications: 50, workers: 1 });
const c = cpuUsage(c0);
const replication = (c.user + c.system) / 1000 / 50;
const ratio = total / replication;
const goalRatio = EV_TARGET_MS / REPLICATION_REFERENCE_MS;
console.log(
  `Anytown expected-value projection (5 y, supply-aware): CPU ${total.toFixed(1)} ms with compiling, ${compiling.toFixed(1)} ms of it compiling the parameters (best of 9; ` +
    `without supply ${withoutSupply.toFixed(1)} ms); ` +
    `${ratio.toFixed(1)} x one simulated replication (${replication.toFixed(2)} ms CPU in this run; goal <= ${goalRatio.toFixed(1)} x, ` +
    `${EV_TARGET_MS} ms at ${REPLICATION_REFERENCE_MS} ms a replication: ${ratio <= goalRatio ? 'PASS' : 'FAIL'})`,
);
const firstRatio = first / replication;
const firstGoalRatio = FIRST_CALL_TARGET_MS / REPLICATION_REFERENCE_MS;
console.log(
  `Anytown expected-value projection, first call of a fresh process (5 y, supply-aware): CPU ${first.toFixed(1)} ms (best of 3 processes); ` +
    `${firstRatio.toFixed(1)} x one simulated replication (goal <= ${firstGoalRatio.toFixed(1)} x, ` +
    `${FIRST_CALL_TARGET_MS} ms at ${REPLICATION_REFERENCE_MS} ms a replication: ${firstRatio <= firstGoalRatio ? 'PASS' : 'FAIL'})`,
);
