import { defineConfig } from 'vitest/config';
import { sharedAliases } from './web/vite.config.ts';

export default defineConfig({
  // web/src tests import the shared rules as the app does.
  resolve: { alias: sharedAliases },
  test: {
    include: ['tests/**/*.test.ts', 'web/src/**/*.test.ts'],
    // SQLite files and a real Chromium per file: two cores, so keep parallelism modest.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
