/**
 * The API fuzz harness (fuzz-*.test.ts split the procedures so both cores run them). Every
 * procedure, through the real HTTP handler, with ≥ 10,000 generated bodies each (arbitrary
 * JSON, valid bodies with fields swapped for hostile values, and text that is not JSON): each
 * answer is a 4xx or a success, never a 5xx, and the process survives. Runs as an admin (so the
 * role check passes and the input reaches validation) on an in-memory database; nothing it adds
 * is ever connected to (no refresh runs after hosts are added).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@/server/auth';
import { createServices, type Services } from '@/server/services';
import { SshPool } from '@/server/ssh';
import { MIGRATIONS, migrate, pgliteSql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import { MAX_BATCH_SIZE } from '@/server/web';
import type { Meta } from './init';
import { appRouter } from './routers/_app';
import { contextFor } from './test-context';

const RUNS = 10_000;
const uuid = '00000000-0000-4000-8000-000000000001';

/** One valid body per procedure (the generators bend these). Order: hosts.add/update last. */
export const VALID: [string, unknown][] = [
  ['auth.me', undefined],
  ['auth.login', { name: 'someone', password: 'some-password' }],
  ['auth.setup', { token: 'a'.repeat(43), name: 'first', password: 'first-password' }],
  ['auth.logout', undefined],
  ['auth.changePassword', { current: 'old-password-1', next: 'new-password-1' }],
  ['users.list', undefined],
  ['users.add', { name: 'fuzzed', role: 'viewer', password: 'fuzzed-password' }],
  ['users.setRole', { id: uuid, role: 'operator' }],
  ['users.resetPassword', { id: uuid, password: 'reset-password-1' }],
  ['users.remove', { id: uuid }],
  ['audit.list', { limit: 5 }],
  ['changes.plan', { hostId: uuid, edits: [{ op: 'add-namespace', name: 'ns1' }] }],
  ['changes.getPlan', { id: uuid }],
  ['changes.applyPlan', { planId: uuid }],
  ['changes.progress', { runId: uuid }],
  ['changes.runs', { limit: 5 }],
  ['changes.run', { id: uuid }],
  ['snapshots.list', { hostName: 'h' }],
  ['snapshots.get', { id: uuid }],
  ['snapshots.take', { hostIds: [uuid], name: 'before the change', note: '' }],
  ['snapshots.update', { id: uuid, name: 'renamed', note: 'why' }],
  ['snapshots.remove', { id: uuid }],
  ['snapshots.compare', { from: { snapshotId: uuid }, to: { snapshotId: uuid } }],
  ['snapshots.compareLive', { from: { snapshotId: uuid }, to: { live: [uuid] } }],
  ['snapshots.planRestore', { hostId: uuid, snapshotId: uuid }],
  ['snapshots.schedules', undefined],
  ['snapshots.schedule', { hostId: uuid, everyMinutes: 60 }],
  ['snapshots.shares', { id: uuid }],
  ['snapshots.share', { snapshotId: uuid, expiresInHours: 24 }],
  ['snapshots.revokeShare', { id: uuid }],
  ['snapshots.openShare', { token: 'a'.repeat(43) }],
  [
    'trace.run',
    { hostId: uuid, request: { bridge: 'br-int', packet: { in_port: 'p1', dl_vlan: 1, protocol: 'ip' } } },
  ],
  ['trace.reach', { hostId: uuid, request: { namespace: 'ns1', address: '192.0.2.1' } }],
  [
    'layout.compute',
    {
      aspectRatio: 1.5,
      nodes: [
        { id: 'br', parent: null, title: { w: 30, h: 15, zoomedOutFont: 20 } },
        { id: 'p1', parent: 'br', size: { w: 40, h: 20 } },
        { id: 'ns', parent: null, size: { w: 60, h: 30 } },
      ],
      edges: [{ id: 'e', source: 'p1', target: 'ns' }],
    },
  ],
  ['hosts.list', undefined],
  ['hosts.get', { id: uuid }],
  ['hosts.model', { id: uuid }],
  ['hosts.refresh', { id: uuid }],
  ['hosts.refreshAll', undefined],
  ['hosts.test', { id: uuid }],
  ['hosts.trustHostKey', { id: uuid, fingerprint: `SHA256:${'A'.repeat(43)}` }],
  ['hosts.remove', { id: uuid }],
  ['hosts.add', { name: 'h', address: '127.0.0.1', auth: { method: 'password', password: 'x' } }],
  ['hosts.update', { id: uuid, name: 'h', address: '127.0.0.1', auth: { method: 'agent' } }],
];

const hostile = fc.oneof(
  fc.constantFrom(
    '; reboot',
    '$(id)',
    '`id`',
    '../../etc/shadow',
    '/dev/zero',
    'a\nb',
    '\0',
    '-oProxyCommand=sh',
    'x'.repeat(70_000),
    '__proto__',
    -1,
    1e308,
    Number.NaN,
    null,
    true,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** A valid body with some fields replaced, dropped or added. */
function bent(valid: unknown): fc.Arbitrary<unknown> {
  if (!valid || typeof valid !== 'object') return fc.jsonValue({ maxDepth: 3 });
  const keys = Object.keys(valid);
  return fc
    .record({
      replace: fc.subarray(keys),
      drop: fc.subarray(keys, { maxLength: 1 }),
      extra: fc.dictionary(fc.string({ maxLength: 8 }), hostile, { maxKeys: 2 }),
      values: fc.array(hostile, { minLength: keys.length, maxLength: keys.length }),
    })
    .map(({ replace, drop, extra, values }) => {
      const out: Record<string, unknown> = { ...(valid as Record<string, unknown>), ...extra };
      replace.forEach((k) => {
        out[k] = values[keys.indexOf(k)];
      });
      for (const k of drop) delete out[k];
      return out;
    });
}

type Body = { json: unknown } | { raw: string };
const bodies = (valid: unknown): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 4, arbitrary: bent(valid).map((json) => ({ json })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
  );

export const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { type: string; meta?: Meta } }
>;
let services: Services;
let session: Session;

/** An admin's session over a fresh in-memory database, for the file that calls fuzzProcedures. */
function useFuzzServices(): void {
  const dir = mkdtempSync(join(tmpdir(), 'pb-fuzz-'));
  const db = pgliteSql(freshPglite());
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, readyTimeoutMs: 500 });

  beforeAll(async () => {
    await migrate(db, MIGRATIONS);
    services = createServices(Promise.resolve(db), dir, { ssh: pool, auth: { passwordLogN: 4 } });
    await services.auth.addUser({ name: 'fuzzer', role: 'admin', password: 'fuzzer-password' });
    const s = await services.auth.login(
      { name: 'fuzzer', password: 'fuzzer-password' },
      { source: 'x', userAgent: '' },
    );
    session = (await services.auth.session(s.token)) as Session;
  }, 60_000);
  afterAll(async () => {
    pool.closeAll();
    await services.layout.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

async function send(path: string, body: Body): Promise<Response> {
  const text = 'raw' in body ? body.raw : JSON.stringify(body.json);
  // Queries and subscriptions (server-sent events) are GETs with the input in the URL.
  const query = procedures[path]?._def.type !== 'mutation';
  const url = `http://127.0.0.1/api/trpc/${path}${query && text !== undefined ? `?input=${encodeURIComponent(text)}` : ''}`;
  const req = query
    ? new Request(url)
    : new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text ?? '' });
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => contextFor(services, session),
    maxBatchSize: MAX_BATCH_SIZE,
  });
}

/**
 * Declares the fuzz tests for the procedures under `groups` (e.g. ['hosts']); with `part`, only
 * every `of`-th of them from the `index`-th (VALID's order kept), so a large group can be two files
 * and the two workers stay busy to the end instead of one finishing a long file alone.
 */
export function fuzzProcedures(groups: string[], part = { index: 0, of: 1 }): void {
  const mine = VALID.filter(([p]) => groups.includes(p.split('.')[0] ?? '')).filter(
    (_, i) => i % part.of === part.index,
  );
  const which = part.of > 1 ? ` part ${part.index + 1} of ${part.of}` : '';
  describe(`API fuzz (${groups.join(', ')}${which}): generated bodies never cause a 5xx`, () => {
    useFuzzServices();
    for (const [path, valid] of mine) {
      it(`${path}: ${RUNS} bodies → 4xx or success`, { timeout: 300_000 }, async () => {
        const statuses = new Map<number, number>();
        await fc.assert(
          fc.asyncProperty(bodies(valid), async (body) => {
            const res = await send(path, body);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            // A subscription answers with a server-sent event stream that stays open: its status
            // is the answer; the body is dropped.
            const streaming = procedures[path]?._def.type === 'subscription';
            const text = streaming ? '' : await res.text();
            if (streaming) await res.body?.cancel();
            // Plain checks, not expect: 10,000 runs of vitest's expect were ~5% of the fuzz's CPU.
            // fast-check reports the body that failed with the message.
            if (res.status >= 500) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
            // No stack trace or internal path in any answer.
            if (/\bat .+\.(ts|js):\d+|node_modules/.test(text))
              throw new Error(`${path} leaked a stack trace or path: ${text.slice(0, 300)}`);
          }),
          { numRuns: RUNS },
        );
        // The valid body itself is still accepted or refused for a reason other than its shape.
        const res = await send(path, { json: valid });
        expect(res.status).not.toBe(500);
        await res.body?.cancel();
        expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
      });
    }
  });
}
