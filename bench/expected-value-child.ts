// One fresh process's warm expected-value measurement (./expected-value-measure.ts runs this file
// PROCESSES times): compiles scenarios/baseline.yaml as `carecast run` does, measures the reference
// unit, then times every call of the projection; prints one JSON line { referenceMs, callsMs }.
import { fileURLToPath } from 'node:url';
import { projectExpected } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';
import { callCpuMs } from './expected-value-measure.js';
import { referenceUnitMs } from './reference-workload.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const { params } = await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo });
const referenceMs = referenceUnitMs();
const callsMs = callCpuMs(() => projectExpected(params));
console.log(JSON.stringify({ referenceMs, callsMs }));
