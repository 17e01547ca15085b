import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const SETUP = fileURLToPath(new URL('./test/setup/fast-check.ts', import.meta.url));

// Correctness, not speed, is asserted here (speed is `pnpm bench`): a test that simulates may take more
// than vitest's 5 s on a loaded 2-core machine without anything being wrong.
const TIMEOUT_MS = 30_000;

const pkg = (name: string) => ({
  test: {
    name,
    root: `packages/${name}`,
    include: ['test/**/*.spec.ts'],
    env: { TZ: 'UTC' },
    setupFiles: [SETUP],
    testTimeout: TIMEOUT_MS,
  },
});

export default defineConfig({
  test: {
    // CI reads the counts from the runner's own JSON report (.ci/run prints them last).
    reporters: process.env['CI'] ? ['default', ['json', { outputFile: '.vitest-report.json' }]] : ['default'],
    projects: [
      pkg('engine'),
      pkg('scenario'),
      pkg('report'),
      pkg('data'),
      pkg('cli'),
      pkg('explorer'),
      { test: { name: 'e2e', root: 'test', include: ['**/*.spec.ts'], env: { TZ: 'UTC' }, setupFiles: [SETUP], testTimeout: TIMEOUT_MS } },
    ],
  },
});
