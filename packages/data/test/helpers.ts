import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { ModelParameters } from '@carecast/engine';
import { writeSsda903 } from '../src/index.js';
import { simulateIndependent } from '../src/synth/independent-simulator.js';
import { ROUND_TRIP_MODEL } from './round-trip-model.js';

// The temporary folders this test file made, removed when it ends (each test file loads its own copy of this module).
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (relative path -> lines) under a fresh temporary folder, removed after the test file, and returns it. */
export function writeFixture(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'carecast-data-'));
  made.push(dir);
  for (const [path, lines] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, lines.join('\n') + '\n');
  }
  return dir;
}

export const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
export const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';

/**
 * Synthetic returns of `model` (the independent simulator, `seed`; default the round-trip model) in
 * `ssda903/` of a fresh temporary folder, one sub-folder per collection year: that folder.
 */
export async function independentReturns(seed: number, model: ModelParameters = ROUND_TRIP_MODEL): Promise<string> {
  const src = join(writeFixture({}), 'ssda903');
  await writeSsda903(simulateIndependent(model, seed), src, seed);
  return src;
}
