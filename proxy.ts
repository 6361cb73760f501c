import { randomBytes } from 'node:crypto';
import { type NextRequest, NextResponse } from 'next/server';
import {
  checkRequest,
  clientOf,
  contentSecurityPolicy,
  FORWARDING_HEADERS,
  STATIC_SECURITY_HEADERS,
  webConfigFrom,
} from '@/server/web';

const config_ = webConfigFrom(process.env);
const dev = process.env.NODE_ENV === 'development';

function secure(res: NextResponse, csp: string | null): NextResponse {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) res.headers.set(name, value);
  if (csp) res.headers.set('Content-Security-Policy', csp);
  return res;
}

/**
 * Runs before every route (pages, API, public files): refuses foreign Host names and cross-origin or
 * non-JSON writes (server/web/request-guard.ts), and sets the security headers with a fresh
 * CSP nonce.
 */
export function proxy(request: NextRequest) {
  const refusal = checkRequest(
    {
      method: request.method,
      host: request.headers.get('host'),
      origin: request.headers.get('origin'),
      secFetchSite: request.headers.get('sec-fetch-site'),
      contentType: request.headers.get('content-type'),
      scheme: clientOf(request.headers, config_).secure ? 'https' : 'http',
      path: request.nextUrl.pathname,
    },
    config_,
  );
  if (refusal) {
    return secure(
      new NextResponse(`${refusal.message}\n`, {
        status: refusal.status,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
      }),
      "default-src 'none'; frame-ancestors 'none'",
    );
  }
  const nonce = randomBytes(16).toString('base64');
  const csp = contentSecurityPolicy(nonce, dev);
  const headers = new Headers(request.headers);
  // Without a trusted proxy, X-Forwarded-* come from the client and would forge the audit
  // log's source address; Next.js then fills them from the socket.
  if (!config_.trustProxy) for (const name of FORWARDING_HEADERS) headers.delete(name);
  headers.set('content-security-policy', csp);
  headers.set('x-nonce', nonce);
  headers.set('x-patchbay-path', `${request.nextUrl.pathname}${request.nextUrl.search}`.slice(0, 2000));
  return secure(NextResponse.next({ request: { headers } }), csp);
}

/**
 * Everything but the build's own static files (`/_next/static/`: content-hashed scripts, styles
 * and fonts, the same for every client and free of data). A page loads about ten of them before it
 * can run, and the proxy cost each ~7 ms of server CPU on the same cores the browser needs; they
 * get the same static security headers from next.config.ts instead. A rebinding page could read
 * them, as anyone can who downloads the release: docs/security.md.
 */
export const config = { matcher: '/((?!_next/static/).*)' };
