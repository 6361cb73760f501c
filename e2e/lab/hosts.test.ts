import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabHost, labHostStartSshd, labHostStopSshd, labUp, readLabState } from '@/scripts/lab/lab';
import { isNode, toElements } from '@/server/core/graph';
import { sameTopology } from '@/server/core/model';
import { HostService, type HostView } from '@/server/hosts';
import { SshPool } from '@/server/ssh';
import type { Sql } from '@/server/storage';
import { openDatabase, SecretBox, SqlHostStore } from '@/server/storage';
import { LAB_KEY_DIRS } from './hosts';

const REFRESH_TIMEOUT_MS = 4_000;
const dir = mkdtempSync(join(tmpdir(), 'pb-hosts-'));
let db: Sql;
let service: HostService;
const pool = new SshPool({
  agentSocket: undefined,
  sshConfigText: null,
  readyTimeoutMs: 3_000,
  keyDirs: LAB_KEY_DIRS,
});
let lab: Record<string, LabHost>;

const hostOf = (name: string): LabHost => {
  const h = readLabState()?.hosts.find((x) => x.name === name);
  if (!h) throw new Error(`lab host ${name} is not up`);
  return h;
};

async function addTrusted(
  name: string,
  h: LabHost,
  who: 'root' | 'sudo' | 'sudoPassword' = 'root',
  useSudo = who !== 'root',
): Promise<HostView> {
  const user = h.users[who];
  const host = await service.add({
    name,
    address: h.address,
    port: h.port,
    user: user.user,
    auth: { method: 'key', keyPath: user.keyPath },
    useSudo,
    labels: ['lab'],
  });
  await service.trustHostKey({ id: host.id, fingerprint: h.hostKeyFingerprint });
  return host;
}

beforeAll(async () => {
  await labUp(['openstack-aio', 'compute', 'empty']);
  lab = { aio: hostOf('openstack-aio'), compute: hostOf('compute'), empty: hostOf('empty') };
  const dbPromise = openDatabase(dir);
  db = await dbPromise;
  service = new HostService(new SqlHostStore(dbPromise, SecretBox.openOrCreate(dir)), pool, {
    refreshTimeoutMs: REFRESH_TIMEOUT_MS,
  });
});
afterAll(async () => {
  pool.closeAll();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('host service against lab hosts', () => {
  it('test() reports an unknown host key as data; trustHostKey pins it; test() then succeeds', async () => {
    const h = lab.aio as LabHost;
    const host = await service.add({
      name: 'aio-tofu',
      address: h.address,
      auth: { method: 'key', keyPath: h.rootKeyPath },
    });
    const first = await service.test(host.id);
    expect(first).toMatchObject({
      ok: false,
      error: { code: 'HOST_KEY_UNKNOWN', fingerprint: h.hostKeyFingerprint },
    });
    await expect(
      service.trustHostKey({ id: host.id, fingerprint: `SHA256:${'A'.repeat(43)}` }),
    ).rejects.toThrow(/not known/);
    const trusted = await service.trustHostKey({ id: host.id, fingerprint: h.hostKeyFingerprint });
    expect(trusted.hostKeys).toMatchObject([{ fingerprint: h.hostKeyFingerprint, keyType: 'ssh-ed25519' }]);
    const second = await service.test(host.id);
    expect(second).toMatchObject({ ok: true, hostKey: { fingerprint: h.hostKeyFingerprint } });
    await service.remove(host.id);
  });

  it('refresh stores the model, status and latency; an unchanged host gives the same topology', async () => {
    const host = await addTrusted('aio', lab.aio as LabHost);
    const r1 = await service.refresh(host.id);
    expect(r1).toMatchObject({ ok: true });
    const view = await service.get(host.id);
    expect(view.lastRefresh).toMatchObject({ status: 'ok', error: null });
    expect(view.lastRefresh?.latencyMs).toBeGreaterThan(0);
    const m1 = await service.model(host.id);
    expect(m1?.model.host).toBe('aio');
    expect(m1?.model.ovs?.bridges.map((b) => b.name)).toContain('br-int');
    await service.refresh(host.id);
    const m2 = await service.model(host.id);
    expect(m2?.collectedAt).not.toBe(m1?.collectedAt);
    if (!m1 || !m2) throw new Error('no stored model');
    expect(sameTopology(m1.model, m2.model)).toBe(true);
  });

  it('collects through sudo for a non-root user, and explains a password-only sudo', async () => {
    const sudo = await addTrusted('aio-sudo', lab.aio as LabHost, 'sudo');
    const ok = await service.refresh(sudo.id);
    expect(ok.ok).toBe(true);
    expect((await service.model(sudo.id))?.model.ovs?.bridges.length).toBeGreaterThan(0);

    const pw = await addTrusted('aio-sudo-pw', lab.aio as LabHost, 'sudoPassword');
    const failed = await service.refresh(pw.id);
    expect(failed).toMatchObject({ ok: false, error: { code: 'SUDO_PASSWORD_REQUIRED' } });
    expect((await service.get(pw.id)).lastRefresh?.error).toMatch(
      /requires a password for .*configure NOPASSWD/,
    );
    await service.remove(sudo.id);
    await service.remove(pw.id);
  });

  it('a user without sudo gets a partial read, said as such beside the status', async () => {
    // The sudo user, but without sudo: OVSDB and the namespaces are out of its reach.
    const host = await addTrusted('aio-nosudo', lab.aio as LabHost, 'sudo', false);
    expect((await service.refresh(host.id)).ok).toBe(true);
    const last = (await service.get(host.id)).lastRefresh;
    expect(last).toMatchObject({ status: 'ok', errorCode: 'PARTIAL_READ' });
    expect(last?.error).toMatch(/^\d+ parts? could not be read \(ovsdb: /);
    // The graph marks what is short: the host (no OVS) and the namespaces it could not enter.
    const model = (await service.model(host.id))?.model;
    if (!model) throw new Error('no model stored');
    const nodes = toElements([model]).filter(isNode);
    expect(nodes.find((n) => n.data.kind === 'host')?.data.unread).toMatch(/^Open vSwitch could not be read/);
    const namespaces = nodes.filter((n) => n.data.kind === 'namespace' && n.data.label !== 'root namespace');
    expect(namespaces.length).toBeGreaterThan(0);
    for (const ns of namespaces) expect(ns.data.unread, ns.data.label).toMatch(/could not be read/);
    await service.remove(host.id);
  });

  it('refreshAll: a stopped sshd and a silent address fail alone, within the per-host timeout', async () => {
    await addTrusted('compute', lab.compute as LabHost);
    await addTrusted('empty', lab.empty as LabHost);
    // Nothing answers on this lab address: the connect hangs until the deadline.
    const silent = await service.add({
      name: 'silent',
      address: '198.18.0.250',
      auth: { method: 'key', keyPath: (lab.aio as LabHost).rootKeyPath },
    });
    await labHostStopSshd('compute');
    try {
      const started = performance.now();
      const results = await service.refreshAll();
      const wall = performance.now() - started;
      const byName = Object.fromEntries(results.map((r) => [r.name, r]));
      expect(byName.aio?.ok).toBe(true);
      expect(byName.empty?.ok).toBe(true);
      expect(byName.compute).toMatchObject({ ok: false, error: { code: 'CONNECT_FAILED' } });
      expect(byName.silent?.ok).toBe(false);
      expect(byName.silent?.ok === false && byName.silent.error.code).toMatch(/^(TIMEOUT|CONNECT_FAILED)$/);
      expect(wall).toBeLessThan(REFRESH_TIMEOUT_MS + 2_000);
      expect((await service.get(silent.id)).lastRefresh?.status).toBe('error');
    } finally {
      await labHostStartSshd('compute');
    }
    const again = (await service.refreshAll()).find((r) => r.name === 'compute');
    expect(again?.ok).toBe(true);
  });

  it('never returns secrets, keeps them on update unless replaced, and encrypts them at rest', async () => {
    const host = await service.add({
      name: 'pw-host',
      address: '198.18.0.251',
      user: 'ops',
      auth: { method: 'password', password: 'correct horse battery' },
    });
    expect(JSON.stringify(await service.list())).not.toContain('correct horse');
    expect(host.auth).toEqual({
      method: 'password',
      hasPassword: true,
      hasPassphrase: false,
      hasPrivateKey: false,
    });
    const updated = await service.update({
      ...host,
      id: host.id,
      auth: { method: 'password' },
      labels: ['x'],
    });
    expect(updated.auth.hasPassword).toBe(true);
    const { rows } = await db.query<{ secrets_enc: string }>('SELECT secrets_enc FROM hosts WHERE id = $1', [
      host.id,
    ]);
    expect(rows[0]?.secrets_enc).not.toContain('correct horse');
    await service.remove(host.id);
  });
});
