import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

const port = Number(process.env.PATCHBAY_E2E_PORT ?? 3107);

// Debian's Chromium; Playwright never downloads a browser here.
export default defineConfig({
  testDir: 'e2e/ui',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx next start -H 127.0.0.1 -p ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PATCHBAY_DATA_DIR: `.data/e2e-${process.pid}`,
      PATCHBAY_TEST_HANDLE: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
