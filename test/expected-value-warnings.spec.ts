import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { carecast, REPO, tempDir } from './helpers.js';

// Duration caps are not modelled by the expected-value projection (README of the engine's
// expected-value folder): `carecast run --mode expected-value` must say so for a scenario that has one,
// and only then.
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

  it('warns that the cap is ignored, naming its category and days, and still writes the projection', async () => {
    const ran = await carecast(['run', capped, '--mode', 'expected-value', '--out', join(tmp.dir, 'capped-out')]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toMatch(/warning: expected-value mode does not model duration caps: the cap on external_residential after 730(\.5)? days is ignored/);
    expect(ran.stdout).toMatch(/Wrote \d+ files/);
  });

  it('gives no such warning without a cap', async () => {
    const ran = await carecast(['run', join(tmp.dir, 'baseline.yaml'), '--mode', 'expected-value', '--out', join(tmp.dir, 'baseline-out')]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).not.toMatch(/duration caps/);
  });
});
