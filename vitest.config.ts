import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `server-only` guards the Next.js build against server code in client bundles; under vitest
// the routers are called from a server-side caller, outside React's server build.
const alias = {
  '@': fileURLToPath(new URL('.', import.meta.url)),
  'server-only': fileURLToPath(new URL('node_modules/server-only/empty.js', import.meta.url)),
};

// Three projects: `unit` and `fuzz` are pure code and run anywhere; `integration` drives real lab
// hosts (root, Open vSwitch, sshd) and runs serially because lab hosts share this machine's kernel.
const FUZZ = 'server/trpc/fuzz-*.test.ts';
// Keeps one initdb'd PGlite cluster for the tests' in-memory databases (server/storage/test-pglite.ts).
const PGLITE = 'server/storage/test-pglite.ts';
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [FUZZ],
          environment: 'node',
          // Vitest's default is one worker fewer than the cores: one on the 2-core CI machine.
          maxWorkers: 2,
          // Files share a worker's modules instead of importing them all again each (zod, the
          // model, the services): 97 -> 50 s for the project. A file that changes the
          // environment or a module's state puts it back (passes with its files shuffled).
          isolate: false,
          globalSetup: [PGLITE],
        },
      },
      {
        resolve: { alias },
        // The API fuzz harness is pure too, but 430,000 requests of CPU (90% of the pure tests' time):
        // `npm test` runs it at low priority beside the lab stages, which mostly wait on hosts.
        test: { name: 'fuzz', include: [FUZZ], environment: 'node', maxWorkers: 2, globalSetup: [PGLITE] },
      },
      {
        resolve: { alias },
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
