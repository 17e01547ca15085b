// Expected-value projection of Anytown (scenarios/baseline.yaml, 5 years), supply-aware (the default:
// capacity, fallbacks, matching and waiting lists act): CPU time of projectExpected (compiling the
// parameters and writing the rows included), best of 9 after warm-up; also the projection without
// supply and compiling alone (shared with the simulation), for information.
// Second line: the first call of a fresh Node process (cold JIT, no stationary-chain points of
// `loss.ts` cached), which is what `carecast run --mode expected-value` and the explorer's first
// preview pay.
// Goals (issue 12): 20 ms warm, 100 ms first call, CPU on the idle 2-core reference machine; each is
// checked as a ratio against one simulated replication measured in this run (the shared reference of
// ./replication-reference.ts, the same as bench/model.bench.ts's).
import { execFileSync } from 'node:child_process';
import { cpuUsage } from 'node:process';
import { fileURLToPath } from 'node:url';
import { projectExpected } from '@carecast/engine';
import { compileModel } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { goalLine, replicationReferenceMs } from './replication-reference.js';

const EV_TARGET_MS = 20;
const FIRST_CALL_TARGET_MS = 100;

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
const reference = await replicationReferenceMs(params);
const total = best(() => projectExpected(params));
const withoutSupply = best(() => projectExpected(params, { supply: false }));
const compiling = best(() => compileModel(params));
console.log(
  goalLine('Anytown expected-value projection, warm (5 y, supply-aware, best of 9)', total, reference, EV_TARGET_MS) +
    `; for information: without supply ${withoutSupply.toFixed(1)} ms, compiling the parameters ${compiling.toFixed(1)} ms`,
);
console.log(goalLine('Anytown expected-value projection, first call of a fresh process (5 y, supply-aware, best of 3 processes)', first, reference, FIRST_CALL_TARGET_MS));
