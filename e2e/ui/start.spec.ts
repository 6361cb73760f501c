import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm start -- -p PORT` serves on PORT, as `next start -p` does (it used to be ignored), and the
 * public files are there: robots.txt forbids indexing, the favicon is served. Once up, the server
 * renders its public pages for itself (server/start/warm-render.ts) before anyone asks for a page.
 */
test('npm start -- -p PORT serves the dashboard on that port, with robots.txt and a favicon, its renderer warmed', async ({
  request,
}) => {
  test.setTimeout(120_000);
  const port = 3000 + 900 + Math.floor(Math.random() * 50);
  const dir = mkdtempSync(join(tmpdir(), 'pb-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PATCHBAY_DATA_DIR: dir };
  delete env.PORT;
  // Its own process group, ended as a whole (npx → next start).
  const child: ChildProcess = spawn('bash', ['scripts/start.sh', '-p', String(port)], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => {
    output += b.toString();
  });
  child.stderr?.resume();
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        async () => {
          try {
            return (await request.get(`${base}/api/health`)).status();
          } catch {
            return 0;
          }
        },
        { timeout: 90_000, intervals: [500] },
      )
      .toBe(200);
    // Only /api/health was asked: the pages were rendered by the server itself.
    await expect
      .poll(() => output, { timeout: 60_000, intervals: [250] })
      .toMatch(/patchbay: page renderer warmed \(\/example, \/login\) in \d+ ms/);
    const robots = await request.get(`${base}/robots.txt`);
    expect(await robots.text()).toContain('Disallow: /');
    const icon = await request.get(`${base}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
