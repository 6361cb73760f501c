import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { signIn } from './session';

// The browser-facing defences against a real `next start`: DNS rebinding, cross-origin writes,
// batch and body limits, and the security headers (docs/security.md).

/** A raw HTTP request with any Host header (browsers and fetch cannot forge one). */
function raw(
  base: string,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a DNS-rebinding Host is refused before any route, signed in or not', async ({ page, baseURL }) => {
  await signIn(page, 'admin');
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const port = new URL(baseURL as string).port;
  for (const path of ['/api/trpc/hosts.list', '/', '/hosts', '/api/health']) {
    const res = await raw(baseURL as string, path, { Host: `rebind.example:${port}`, Cookie: cookie });
    expect(res.status, path).toBe(421);
    expect(res.text).toContain('does not answer to the host name "rebind.example');
    expect(res.text).not.toContain('openstack-aio');
  }
  expect((await raw(baseURL as string, '/api/health', { Host: `127.0.0.1:${port}` })).status).toBe(200);
});

test('writes need this origin and JSON: another origin, no origin and form bodies get 403/415', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'admin');
  const body = JSON.stringify({ name: 'mallory', role: 'admin', password: 'mallory-password' });
  const refused: { headers: Record<string, string>; status: number }[] = [
    { headers: { origin: 'http://evil.example', 'content-type': 'application/json' }, status: 403 },
    { headers: { origin: 'http://127.0.0.1:1', 'content-type': 'application/json' }, status: 403 },
    { headers: { 'content-type': 'application/json' }, status: 403 },
    { headers: { origin: baseURL as string, 'content-type': 'text/plain' }, status: 415 },
    {
      headers: { origin: baseURL as string, 'content-type': 'multipart/form-data; boundary=x' },
      status: 415,
    },
  ];
  for (const r of refused) {
    const res = await page.request.post('/api/trpc/users.add', { headers: r.headers, data: body });
    expect(res.status(), JSON.stringify(r.headers)).toBe(r.status);
  }
  const users = await page.request.get('/api/trpc/users.list');
  expect(await users.text()).not.toContain('mallory');
});

test('a page from another local origin cannot make a signed-in browser change anything', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'admin');
  // The attacker: another web server on this machine (same site, other port), opened in the
  // browser that holds the admin's session. It tries every way a page can send a write.
  const target = `${baseURL}/api/trpc/users.add`;
  const attack = `<!doctype html><body><script>
    const body = JSON.stringify({ name: 'mallory', role: 'admin', password: 'mallory-password' });
    const results = {};
    Promise.allSettled([
      fetch(${JSON.stringify(target)}, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body })
        .then((r) => { results.json = r.status; }, (e) => { results.json = 'blocked'; }),
      fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body })
        .then((r) => { results.simple = r.type; }, () => { results.simple = 'blocked'; }),
      fetch(${JSON.stringify(`${baseURL}/api/trpc/users.list`)}, { credentials: 'include' })
        .then((r) => r.text()).then((t) => { results.read = t; }, () => { results.read = 'blocked'; }),
    ]).then(() => {
      const f = document.createElement('form');
      f.method = 'POST'; f.enctype = 'multipart/form-data'; f.action = ${JSON.stringify(target)};
      for (const [k, v] of Object.entries(JSON.parse(body))) {
        const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
      }
      document.body.appendChild(f);
      window.__results = results;
      f.submit();
    });
  </script></body>`;
  const server: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(attack);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const attacker = await page.context().newPage();
    const formAnswer = attacker.waitForResponse(
      (r) =>
        r.url() === target &&
        r.request().method() === 'POST' &&
        r.request().headers()['content-type']?.startsWith('multipart/') === true,
    );
    await attacker.goto(`http://127.0.0.1:${port}/`);
    expect((await formAnswer).status()).toBe(403);
    await attacker.close();
  } finally {
    server.close();
  }
  const users = await page.request.get('/api/trpc/users.list');
  expect(users.status()).toBe(200);
  expect(await users.text()).not.toContain('mallory');
});

test('batches are capped and oversized bodies refused, and the server stays up', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'admin');
  const many = Array.from({ length: 1000 }, () => 'hosts.list').join(',');
  const batch = await page.request.get(`/api/trpc/${many}?batch=1`);
  expect(batch.status()).toBeGreaterThanOrEqual(400);
  expect(batch.status()).toBeLessThan(500);
  const twenty = Array.from({ length: 20 }, () => 'hosts.list').join(',');
  const capped = await page.request.get(`/api/trpc/${twenty}?batch=1`);
  expect(capped.status()).toBe(400);
  expect(await capped.text()).toContain('Batch call exceeds maximum size');

  const huge = JSON.stringify({ name: 'x', address: '127.0.0.1', labels: ['a'.repeat(50 * 1024 * 1024)] });
  const big = await page.request.post('/api/trpc/hosts.add', {
    headers: { origin: baseURL as string, 'content-type': 'application/json' },
    data: huge,
  });
  expect(big.status()).toBe(413);
  expect((await page.request.get('/api/health')).status()).toBe(200);
});

test('every answer carries the security headers; pages a CSP nonce', async ({ page }) => {
  const home = await page.request.get('/login');
  const api = await page.request.get('/api/trpc/auth.me');
  for (const res of [home, api]) {
    const h = res.headers();
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  }
  // The build's static files skip the proxy (proxy.ts matcher) but carry the same static headers.
  const chunk = /\/_next\/static\/[^"]+\.js/.exec(await home.text())?.[0];
  expect(chunk).toBeTruthy();
  const asset = await page.request.get(chunk as string);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['x-content-type-options']).toBe('nosniff');
  expect(asset.headers()['cross-origin-resource-policy']).toBe('same-origin');
  const csp = home.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  // Next.js stamped its inline scripts with this request's nonce, so the page still works.
  expect(await home.text()).toContain(`nonce="${nonce}"`);
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test('signed out, only sign-in, health, the example and first-run setup answer', async ({ page }) => {
  for (const path of ['hosts.list', 'users.list', 'audit.list']) {
    const res = await page.request.get(`/api/trpc/${path}`);
    expect(res.status(), path).toBe(401);
  }
  expect((await page.request.get('/api/trpc/auth.me')).status()).toBe(200);
  expect((await page.request.get('/api/audit/export')).status()).toBe(401);
  for (const path of ['/login', '/example', '/api/health'])
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(200);
  for (const path of ['/', '/hosts', '/view', '/admin/users']) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers().location).toMatch(/^\/login\?next=/);
  }
});
