import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WARM_PAGES, warmRenderPath, warmTarget } from './warm-render';

describe('warmTarget', () => {
  const prod = { NODE_ENV: 'production' };

  it('requests the address Next.js listens on, with the Host the server answers to', () => {
    expect(warmTarget({ ...prod, PORT: '3918', __NEXT_PRIVATE_ORIGIN: 'http://localhost:3918' })).toEqual({
      origin: 'http://localhost:3918',
      host: '127.0.0.1:3918',
    });
    // Behind a proxy the allowed name is the proxy's; the request still goes to the socket.
    expect(
      warmTarget({
        ...prod,
        PORT: '3000',
        __NEXT_PRIVATE_ORIGIN: 'http://10.0.0.5:3000',
        PATCHBAY_ALLOWED_HOSTS: 'patchbay.example.com',
      }),
    ).toEqual({ origin: 'http://10.0.0.5:3000', host: 'patchbay.example.com:3000' });
  });

  it('falls back to loopback on PORT without Next.js’s origin', () => {
    expect(warmTarget({ ...prod, PORT: '3001' })?.origin).toBe('http://127.0.0.1:3001');
  });

  it('does nothing in development, without an address, or on an origin it cannot use', () => {
    expect(warmTarget({ NODE_ENV: 'development', PORT: '3000' })).toBeNull();
    expect(warmTarget(prod)).toBeNull();
    expect(warmTarget({ ...prod, __NEXT_PRIVATE_ORIGIN: 'not a url' })).toBeNull();
    expect(warmTarget({ ...prod, __NEXT_PRIVATE_ORIGIN: 'https://127.0.0.1:3000' })).toBeNull();
  });
});

describe('warmRenderPath', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  /** A loopback server answering `status(path)`; the requests it saw. */
  async function serve(
    status: (path: string) => number,
  ): Promise<{ env: Record<string, string>; seen: IncomingMessage[] }> {
    const seen: IncomingMessage[] = [];
    server = createServer((req, res) => {
      seen.push(req);
      res.statusCode = status(req.url ?? '');
      res.end('<html></html>');
    });
    await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
    const port = String((server.address() as AddressInfo).port);
    return {
      env: { NODE_ENV: 'production', PORT: port, __NEXT_PRIVATE_ORIGIN: `http://127.0.0.1:${port}` },
      seen,
    };
  }

  it('renders each public page once, in order, with the allowed Host, and says so', async () => {
    const { env, seen } = await serve(() => 200);
    const lines: string[] = [];
    await warmRenderPath(env, (l) => lines.push(l));
    expect(seen.map((r) => [r.method, r.url, r.headers.host])).toEqual(
      WARM_PAGES.map((p) => ['GET', p, `127.0.0.1:${env.PORT}`]),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^patchbay: page renderer warmed \(\/example, \/login\) in \d+ ms$/),
    ]);
  });

  it('stops at a refusal and says which page, without throwing', async () => {
    const { env, seen } = await serve((p) => (p === '/example' ? 421 : 200));
    const lines: string[] = [];
    await warmRenderPath(env, (l) => lines.push(l));
    expect(seen).toHaveLength(1);
    expect(lines).toEqual([
      'patchbay: warming the page renderer: /example answered 421; the first page may be slower',
    ]);
  });

  it('reports a server that does not answer in time, and one that is not there', async () => {
    const { env } = await serve(() => 200);
    server?.removeAllListeners('request');
    server?.on('request', () => undefined); // never answers
    const lines: string[] = [];
    await warmRenderPath(env, (l) => lines.push(l), 200);
    expect(lines).toEqual([expect.stringContaining('/example failed (no answer within 0.2 s)')]);
    server?.closeAllConnections();
    await new Promise<void>((done) => server?.close(() => done()));
    server = null;
    lines.length = 0;
    await warmRenderPath(env, (l) => lines.push(l));
    expect(lines).toEqual([expect.stringContaining('/example failed (connect ECONNREFUSED')]);
  });
});
