// Expected-value projection of Anytown (scenarios/baseline.yaml, 5 years), supply-aware (the default:
// capacity, fallbacks, matching and waiting lists act).
// First line: the warm call, measured as ./expected-value-measure.ts defines it (bench/model.bench.ts
// prints the same measurement); also the projection without supply and compiling alone (shared with
// the simulation), for information, measured the same way.
// Second line: the first call of a fresh Node process (cold JIT, no stationary-chain points of
// `loss.ts` cached), which is what `carecast run --mode expected-value` and the explorer's first
// preview pay.
// Goals (issue 12): 20 ms warm, 100 ms first call, CPU on the idle 2-core machine; each is checked as a
// ratio against the reference unit measured in this run (./reference-workload.ts: a fixed workload
// outside the project's code).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileModel } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';
import { bestWarmCpuMs, expectedValueWarmCpuMs, expectedValueWarmGoal } from './expected-value-measure.js';
import { goalLine } from './reference-workload.js';

const FIRST_CALL_TARGET_MS = 100;

const repo = fileURLToPath(new URL('../', import.meta.url));
const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });

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
const warm = await expectedValueWarmGoal(params);
const withoutSupply = expectedValueWarmCpuMs(params, { supply: false });
const compiling = bestWarmCpuMs(() => compileModel(params));
console.log(`${warm.line}; for information: without supply ${withoutSupply.toFixed(1)} ms, compiling the parameters ${compiling.toFixed(1)} ms`);
console.log(goalLine('Anytown expected-value projection, first call of a fresh process (5 y, supply-aware, best of 3 processes)', first, warm.referenceMs, FIRST_CALL_TARGET_MS));
