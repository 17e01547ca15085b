import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const SETUP = fileURLToPath(new URL('./test/setup/fast-check.ts', import.meta.url));

const pkg = (name: string) => ({
  test: {
    name,
    root: `packages/${name}`,
    include: ['test/**/*.spec.ts'],
    env: { TZ: 'UTC' },
    setupFiles: [SETUP],
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
      { test: { name: 'e2e', root: 'test', include: ['**/*.spec.ts'], env: { TZ: 'UTC' }, setupFiles: [SETUP] } },
    ],
  },
});
