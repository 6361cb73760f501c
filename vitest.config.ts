import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': fileURLToPath(new URL('.', import.meta.url)) };

// Two projects: `unit` is pure code and runs anywhere; `integration` drives real lab hosts
// (root, Open vSwitch, sshd) and runs serially because lab hosts share this machine's kernel.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        // The API is tested through a server-side tRPC caller, outside React's server build.
        resolve: {
          alias: {
            ...alias,
            'server-only': fileURLToPath(new URL('node_modules/server-only/empty.js', import.meta.url)),
          },
        },
        test: {
          name: 'integration',
          include: ['e2e/lab/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
          globalSetup: ['e2e/lab/global-setup.ts'],
        },
      },
    ],
  },
});
