import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

const port = Number(process.env.PATCHBAY_E2E_PORT ?? 3107);

// The suite's accounts (e2e/ui/session.ts). Fixed per run so the runner, its workers and the web
// server agree; they only ever open a throwaway data dir on 127.0.0.1.
process.env.PATCHBAY_E2E_ADMIN_PASSWORD ??= 'e2e-admin-password';
process.env.PATCHBAY_E2E_OPERATOR_PASSWORD ??= 'e2e-operator-password';
process.env.PATCHBAY_E2E_VIEWER_PASSWORD ??= 'e2e-viewer-password';

/** One dashboard on `p`, with a throwaway data dir and the suite's accounts. */
function server(p: number, o: { command?: string }) {
  return {
    command: o.command ?? 'bash e2e/ui/start-server.sh',
    url: `http://127.0.0.1:${p}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // SIGTERM first, so the team-mode wrapper stops its PostgreSQL cluster by pid.
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
    env: {
      PORT: String(p),
      PATCHBAY_DATA_DIR: `.data/e2e-${process.pid}-${p}`,
      // The lab's key lives in the checkout, not in ~/.ssh.
      PATCHBAY_KEY_DIRS: path.resolve('.lab'),
      PATCHBAY_TEST_HANDLE: '1',
      NEXT_TELEMETRY_DISABLED: '1',
      PATCHBAY_E2E_ADMIN_PASSWORD: process.env.PATCHBAY_E2E_ADMIN_PASSWORD ?? '',
      PATCHBAY_E2E_OPERATOR_PASSWORD: process.env.PATCHBAY_E2E_OPERATOR_PASSWORD ?? '',
      PATCHBAY_E2E_VIEWER_PASSWORD: process.env.PATCHBAY_E2E_VIEWER_PASSWORD ?? '',
    },
  };
}

// Debian's Chromium; Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'e2e/ui',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  // One retry under CI: Debian's Chromium renderer crashed once ("Target crashed") mid-spec in a
  // full run on 2 cores and passed on every rerun. A test that fails twice still fails, and a
  // retried one is reported as such in the closing summary (scripts/test-summary.mjs).
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  // Two servers: the embedded database (every spec), and team mode on a private PostgreSQL
  // cluster (the specs of what storage changes: snapshots, share links, import).
  projects: [
    { name: 'pglite' },
    {
      name: 'postgres',
      testMatch: /(snapshots|paste)\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${port + 1}` },
    },
  ],
  webServer: [server(port, {}), server(port + 1, { command: 'npx tsx e2e/ui/start-server-postgres.ts' })],
});
