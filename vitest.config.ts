import { defineConfig } from 'vitest/config';

// Tests sit beside the code (src/**/*.test.ts). Forks, not threads: better-sqlite3 is a native
// addon and several tests spawn the built CLI as a child process.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    // The JSON report lets .ci/run print a plain 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    hookTimeout: 60_000,
  },
});
