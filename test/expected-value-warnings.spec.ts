import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carecast, REPO, tempDir } from './helpers.js';

// Duration caps act in the expected-value projection (README of the engine's expected-value folder,
// "Duration caps"; agreement with the simulation in expected-value-caps.spec.ts): `carecast run --mode
// expected-value` no longer warns that they are ignored.
describe('carecast run --mode expected-value on a scenario with a duration cap', { timeout: 120_000 }, () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  copyFileSync(join(REPO, 'scenarios/baseline.yaml'), join(tmp.dir, 'baseline.yaml'));
  const capped = join(tmp.dir, 'capped.yaml');
  writeFileSync(
    capped,
    [
      'extends: baseline.yaml',
      'name: Residential stays capped',
      'levers:',
      '  - lever: duration-cap',
      '    category: external_residential',
      '    after: 2 years',
      '    probability: 50%',
      '    to: { category: ifa_foster }',
      '    from: 2025-04-01',
      '',
    ].join('\n'),
  );

  it('gives no warning that the cap is ignored, and writes the projection', async () => {
    const ran = await carecast(['run', capped, '--mode', 'expected-value', '--out', join(tmp.dir, 'capped-out')]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).not.toMatch(/duration caps/);
    expect(ran.stdout).toMatch(/Wrote \d+ files/);
  });

  it('gives no such warning without a cap', async () => {
    const ran = await carecast(['run', join(tmp.dir, 'baseline.yaml'), '--mode', 'expected-value', '--out', join(tmp.dir, 'baseline-out')]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).not.toMatch(/duration caps/);
  });
});
