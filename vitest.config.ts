import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
    // Typed cases start a TypeScript project service; the first case of a file pays for it.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary'],
      thresholds: { lines: 90, functions: 95, branches: 78, statements: 85 },
    },
  },
});
