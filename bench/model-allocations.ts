// Where the simulation's garbage comes from (issue 18, session 22): bytes allocated per event fired, by
// allocating function, over Anytown replications (scenarios/baseline.yaml, seed 1) after a warm-up, from
// V8's sampling heap profiler (node:inspector, a sample every 256 bytes, objects already collected by
// either collector included). A double that crosses a call V8 does not inline is a new heap number
// (16 bytes), so most sites are such calls (model README, sessions 13 and 22).
//   pnpm exec tsx bench/model-allocations.ts [REPLICATIONS=300] [SITES=20]
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { compileModel, runReplication } from '@carecast/engine/advanced';
import { compileScenarioFile } from '@carecast/scenario';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const replications = Number(process.argv[2] ?? 300);
const sites = Number(process.argv[3] ?? 20);
const WARM_UP = 60;
const repo = fileURLToPath(new URL('../', import.meta.url));
const model = compileModel((await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params);
for (let r = 0; r < WARM_UP; r++) runReplication(model, 1, r);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
let events = 0;
for (let r = WARM_UP; r < WARM_UP + replications; r++) events += runReplication(model, 1, r).eventsFired;
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
session.disconnect();
const bySite = new Map<string, number>();
let total = 0;
const walk = (node: SamplingNode): void => {
  total += node.selfSize;
  const f = node.callFrame;
  const where = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
  bySite.set(where, (bySite.get(where) ?? 0) + node.selfSize);
  for (const child of node.children) walk(child);
};
walk(profile.head);
console.log(`Anytown x ${replications}: ${events} events, ${(total / events).toFixed(1)} bytes allocated per event (${(total / replications / 1024).toFixed(0)} KB per replication)`);
for (const [where, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, sites)) console.log(`${(bytes / events).toFixed(2).padStart(8)} bytes per event  ${where}`);
