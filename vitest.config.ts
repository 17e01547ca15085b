import { defineConfig } from 'vitest/config';

const pkg = (name: string) => ({
  test: {
    name,
    root: `packages/${name}`,
    include: ['test/**/*.spec.ts'],
    env: { TZ: 'UTC' },
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
      { test: { name: 'e2e', root: 'test', include: ['**/*.spec.ts'], env: { TZ: 'UTC' } } },
    ],
  },
});
