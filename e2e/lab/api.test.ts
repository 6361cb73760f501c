/**
 * The tRPC API as the browser reaches it (the app router through a server-side caller, real
 * HostService, PGlite and SSH pool, a real lab host): bad input is refused at the boundary with a
 * readable error and changes nothing; the whole add → trust → refresh → model path works; service
 * errors arrive as the right tRPC codes without secrets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '@/server/services';
import { SshPool } from '@/server/ssh';
import type { Sql } from '@/server/storage';
import { openDatabase } from '@/server/storage';
import { createCaller } from '@/server/trpc/routers/_app';
import { contextFor } from '@/server/trpc/test-context';
import { LAB_KEY_DIRS, labHost } from './hosts';

const dir = mkdtempSync(join(tmpdir(), 'pb-api-'));
const pool = new SshPool({
  agentSocket: undefined,
  sshConfigText: null,
  readyTimeoutMs: 3_000,
  keyDirs: LAB_KEY_DIRS,
});
let db: Sql;
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  const dbPromise = openDatabase(dir);
  db = await dbPromise;
  const services = createServices(dbPromise, dir, { ssh: pool, hosts: { refreshTimeoutMs: 10_000 } });
  // Host management is an admin's: the calls below run in an admin's session.
  await services.auth.addUser({ name: 'admin', role: 'admin', password: 'api-test-admin-pw' });
  const signedIn = await services.auth.login(
    { name: 'admin', password: 'api-test-admin-pw' },
    { source: '127.0.0.1', userAgent: 'test' },
  );
  api = createCaller(contextFor(services, await services.auth.session(signedIn.token)));
});
afterAll(async () => {
  pool.closeAll();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The tRPC error a call ends with (fails the test when the call succeeds). */
async function failure(call: Promise<unknown>): Promise<TRPCError> {
  const err = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

describe('hosts API', () => {
  it('refuses bad names, addresses, ports, users, paths and jump hosts, and stores nothing', async () => {
    const address = labHost('openstack-aio').address;
    const bad: [string, unknown][] = [
      ['name', { name: 'aio; reboot', address }],
      ['address', { name: 'a1', address: '198.18.0.3; reboot' }],
      ['address', { name: 'a2', address: '300.1.2.3' }],
      ['port', { name: 'a3', address, port: 70_000 }],
      ['user', { name: 'a4', address, user: 'root$(id)' }],
      ['auth', { name: 'a5', address, auth: { method: 'key', keyPath: 'relative/id_ed25519' } }],
      ['jumpHost', { name: 'a6', address, jumpHost: 'bastion -oProxyCommand=sh' }],
      ['labels', { name: 'a7', address, labels: ['has space'] }],
    ];
    for (const [field, input] of bad) {
      const err = await failure(api.hosts.add(input as never));
      expect(err.code, field).toBe('BAD_REQUEST');
      expect(err.message, field).toContain(field);
    }
    expect(await api.hosts.list()).toEqual([]);
  });

  it('adds a lab host, reports its unknown key, trusts it, refreshes it and serves its model', async () => {
    const h = labHost('openstack-aio');
    const host = await api.hosts.add({
      name: 'aio',
      address: h.address,
      user: 'root',
      auth: { method: 'key', keyPath: h.rootKeyPath },
      labels: ['lab'],
    });
    const unknown = await api.hosts.test({ id: host.id });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN', fingerprint: h.hostKeyFingerprint },
    });
    // A refresh before trusting refuses to talk to the host and says why.
    expect(await api.hosts.refresh({ id: host.id })).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN' },
    });
    await api.hosts.trustHostKey({ id: host.id, fingerprint: h.hostKeyFingerprint });
    expect(await api.hosts.test({ id: host.id })).toMatchObject({ ok: true });
    expect(await api.hosts.refresh({ id: host.id })).toMatchObject({ ok: true, partErrors: 0 });
    const stored = await api.hosts.model({ id: host.id });
    expect(stored?.model.ovs?.bridges.map((b) => b.name).sort()).toEqual(['br-ex', 'br-int']);
    const [listed] = await api.hosts.list();
    expect(listed).toMatchObject({ name: 'aio', lastRefresh: { status: 'ok' } });
  });

  it('maps service errors to tRPC codes: unknown id, taken name, bad fingerprint', async () => {
    const missing = await failure(api.hosts.get({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(missing.code).toBe('NOT_FOUND');
    const h = labHost('openstack-aio');
    const taken = await failure(api.hosts.add({ name: 'aio', address: h.address }));
    expect(taken.code).toBe('CONFLICT');
    const [aio] = await api.hosts.list();
    const wrongKey = await failure(
      api.hosts.trustHostKey({ id: aio?.id ?? '', fingerprint: `SHA256:${'A'.repeat(43)}` }),
    );
    expect(wrongKey.code).toBe('BAD_REQUEST');
  });

  it('keeps a password out of every answer, and removes hosts', async () => {
    const h = labHost('compute');
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    const host = await api.hosts.add({
      name: 'c',
      address: h.address,
      user: 'pbpass',
      auth: { method: 'password', password },
    });
    const answers = [host, await api.hosts.get({ id: host.id }), await api.hosts.list()];
    for (const a of answers) expect(JSON.stringify(a)).not.toContain(password);
    await api.hosts.remove({ id: host.id });
    expect((await api.hosts.list()).map((x) => x.name)).toEqual(['aio']);
  });
});
