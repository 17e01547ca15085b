import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

describe('examples/api-example.ts', () => {
  it('runs as an npm user would run it and prints the in-care table', async () => {
    const { stdout } = await promisify(execFile)(join(REPO, 'node_modules/.bin/tsx'), ['examples/api-example.ts'], {
      cwd: REPO,
      env: { ...process.env, CARECAST_EXAMPLE_REPLICATIONS: '3' },
    });
    expect(stdout).toMatch(/^Early help: care-proceedings entries cut by 25% from 2025-04-01, full effect after 12 months$/m);
    expect(stdout).toMatch(/^2025-04-01\s+450\.0\s+450\.0\s+0\.0/m);
    expect(stdout).toMatch(/^2030-03-31\s+\d+\.\d\s+\d+\.\d\s+-\d+\.\d/m);
  }, 120_000);
});
