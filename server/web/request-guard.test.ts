import { describe, expect, it } from 'vitest';
import { webConfigFrom } from './config';
import { checkRequest, type GuardRequest, hostAllowed } from './request-guard';

const config = webConfigFrom({ PORT: '3000' });
const get = (host: string | null): GuardRequest => ({
  method: 'GET',
  host,
  origin: null,
  secFetchSite: null,
  contentType: null,
  scheme: 'http',
  path: '/api/trpc/hosts.list',
});
const post = (over: Partial<GuardRequest>): GuardRequest => ({
  method: 'POST',
  host: '127.0.0.1:3000',
  origin: 'http://127.0.0.1:3000',
  secFetchSite: 'same-origin',
  contentType: 'application/json',
  scheme: 'http',
  path: '/api/trpc/hosts.remove',
  ...over,
});

describe('Host allow-list (DNS rebinding)', () => {
  it('answers only to loopback names on the configured port by default', () => {
    for (const ok of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST:3000', '[::1]:3000'])
      expect(hostAllowed(ok, config), ok).toBe(true);
    for (const bad of [
      'rebind.evil.example:3000',
      '127.0.0.1:3001',
      '127.0.0.1',
      'localhost.evil.example:3000',
      '127.0.0.1.nip.io:3000',
      '',
      null,
      '127.0.0.1:3000/x',
      '127.0.0.1:3000 evil',
    ])
      expect(hostAllowed(bad, config), String(bad)).toBe(false);
  });
  it('any port when PORT is unset; exact entries when PATCHBAY_ALLOWED_HOSTS is set', () => {
    expect(hostAllowed('127.0.0.1:4123', webConfigFrom({}))).toBe(true);
    const proxied = webConfigFrom({ PATCHBAY_ALLOWED_HOSTS: 'patchbay.example.com, ops.example.com:8443' });
    expect(hostAllowed('patchbay.example.com', proxied)).toBe(true);
    expect(hostAllowed('ops.example.com:8443', proxied)).toBe(true);
    expect(hostAllowed('ops.example.com:9000', proxied)).toBe(false);
    expect(hostAllowed('127.0.0.1:3000', proxied)).toBe(false);
  });
  it('refuses a foreign Host with 421 naming the allowed ones, even for GET', () => {
    const r = checkRequest(get('rebind.evil.example:3000'), config);
    expect(r?.status).toBe(421);
    expect(r?.message).toContain('127.0.0.1:3000');
    expect(checkRequest(get('127.0.0.1:3000'), config)).toBeNull();
  });
});

describe('writes (CSRF)', () => {
  it('accepts a same-origin JSON POST', () => {
    expect(checkRequest(post({}), config)).toBeNull();
    expect(checkRequest(post({ contentType: 'application/json; charset=utf-8' }), config)).toBeNull();
    expect(checkRequest(post({ origin: null, secFetchSite: 'same-origin' }), config)).toBeNull();
  });
  it('refuses another origin, another local port, and no origin at all', () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:8080', 'https://127.0.0.1:3000', 'null'])
      expect(checkRequest(post({ origin }), config)?.status, origin).toBe(403);
    expect(checkRequest(post({ origin: null, secFetchSite: 'cross-site' }), config)?.status).toBe(403);
    expect(checkRequest(post({ origin: null, secFetchSite: null }), config)?.status).toBe(403);
  });
  it('refuses bodies a cross-site form can send without a preflight', () => {
    for (const contentType of [
      'multipart/form-data; boundary=x',
      'text/plain',
      'application/x-www-form-urlencoded',
      null,
    ])
      expect(checkRequest(post({ contentType }), config)?.status, String(contentType)).toBe(415);
  });
  it('applies to every non-safe method', () => {
    for (const method of ['PUT', 'DELETE', 'PATCH'])
      expect(checkRequest(post({ method, origin: 'http://evil.example' }), config)?.status).toBe(403);
  });
});
