import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./tests/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'shared/src/**/*.test.ts',
            'db/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
          // Components and rune classes run in the `component` project.
          exclude: [...configDefaults.exclude, '**/*.svelte.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Components and rune classes in jsdom, compiled by the Svelte plugin for Svelte's client runtime. It needs no
        // database, so it does not extend the root config and skips the template set-up. Its root is web/, whose
        // dependencies tell the plugin which libraries (bits-ui, lucide) ship .svelte files to compile.
        plugins: [svelte({ configFile: false })],
        resolve: {
          conditions: ['browser'],
          alias: { '$app/state': fileURLToPath(new URL('./web/src/testing/app-state.ts', import.meta.url)) },
        },
        test: {
          name: 'component',
          root: './web',
          include: ['src/**/*.svelte.test.ts'],
          environment: 'jsdom',
          // One jsdom per worker, not per file (each file still gets its own modules): a third faster.
          pool: 'vmThreads',
          setupFiles: ['./src/test-setup.ts'],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two browser files at a time (each its own server, database and Chromium): half the wall time of one
          // after another on 2 cores, which keeps .ci/run inside its budget.
          maxWorkers: 2,
          // After the other projects, as a group of its own: vitest runs projects with different worker counts in
          // separate groups.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
