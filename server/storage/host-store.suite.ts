import { afterAll, describe, expect, it } from 'vitest';
import type { HostFields } from './host-store';
import { SecretBox } from './secret-box';
import type { Sql } from './sql';
import { SqlHostStore } from './sql-host-store';
import { openMigrated } from './test-backends';

const fields: HostFields = {
  name: 'aio',
  address: '198.18.0.2',
  port: 22,
  user: 'ops',
  auth: { method: 'password', password: 'hunter2' },
  useSudo: true,
  jumpHost: null,
  sshConfigAlias: null,
  labels: ['lab'],
};

/** The host store's contract, run on every backend (PGlite in unit tests, PostgreSQL in the lab suite). */
export function hostStoreSuite(backend: string, open: () => Promise<Sql>): void {
  const ready = openMigrated(open);
  const store = new SqlHostStore(ready, SecretBox.fromKey(Buffer.alloc(32, 1)));
  afterAll(async () => (await ready).close());

  // The first test waits for PGlite's initdb (WASM): seconds on a busy 2-core machine.
  describe(`SqlHostStore on ${backend}`, { timeout: 60_000 }, () => {
    it('creates, reads back (secrets decrypted) and stores secrets encrypted', async () => {
      const h = await store.create(fields);
      expect(h).toMatchObject({ ...fields, hostKeys: [], lastRefresh: null });
      expect(await store.get(h.id)).toEqual(h);
      const { rows } = await (await ready).query<{ secrets_enc: string }>(
        'SELECT secrets_enc FROM hosts WHERE id = $1',
        [h.id],
      );
      expect(rows[0]?.secrets_enc).not.toContain('hunter2');
    });
    it('stores an uploaded private key and its passphrase sealed, and reads them back', async () => {
      const privateKey =
        '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
      const h = await store.create({
        ...fields,
        name: 'uploaded',
        auth: { method: 'key', privateKey, passphrase: 'pp' },
      });
      expect(h.auth).toEqual({ method: 'key', privateKey, passphrase: 'pp' });
      const { rows } = await (await ready).query<{ secrets_enc: string; key_path: string | null }>(
        'SELECT secrets_enc, key_path FROM hosts WHERE id = $1',
        [h.id],
      );
      expect(rows[0]?.key_path).toBeNull();
      expect(rows[0]?.secrets_enc).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
      await store.delete(h.id);
    });
    it('rejects duplicate names', async () => {
      await expect(store.create(fields)).rejects.toThrow(/already exists/);
    });
    it('updates, pins keys, records refreshes and models, deletes with cascade', async () => {
      const [h] = await store.list();
      if (!h) throw new Error('no host');
      const updated = await store.update(h.id, { ...fields, auth: { method: 'agent' }, labels: [] });
      expect(updated?.auth).toEqual({ method: 'agent' });
      expect(await store.update('missing', fields)).toBeNull();

      await store.setHostKey(h.id, {
        endpoint: '198.18.0.2:22',
        fingerprint: 'SHA256:a',
        keyType: 'ssh-ed25519',
      });
      await store.setHostKey(h.id, {
        endpoint: '198.18.0.2:22',
        fingerprint: 'SHA256:b',
        keyType: 'ssh-ed25519',
      });
      const at = '2024-01-02T03:04:05.000Z';
      await store.recordRefresh(h.id, {
        status: 'error',
        latencyMs: 12.6,
        bytes: null,
        error: 'x',
        errorCode: 'TIMEOUT',
        at,
      });
      const got = await store.get(h.id);
      expect(got?.hostKeys.map((k) => k.fingerprint)).toEqual(['SHA256:b']);
      expect(got?.lastRefresh).toEqual({
        status: 'error',
        latencyMs: 13,
        bytes: null,
        error: 'x',
        errorCode: 'TIMEOUT',
        at,
      });

      expect(await store.getModel(h.id)).toBeNull();
      await store.saveModel(h.id, { schemaVersion: 1, collectedAt: at, model: { bridges: [] } });
      expect(await store.getModel(h.id)).toEqual({
        schemaVersion: 1,
        collectedAt: at,
        model: { bridges: [] },
      });

      expect(await store.delete(h.id)).toBe(true);
      expect(await store.delete(h.id)).toBe(false);
      // A read that finishes after its host was removed stores nothing, and fails nothing.
      await store.saveModel(h.id, { schemaVersion: 1, collectedAt: at, model: { bridges: [] } });
      await store.recordRefresh(h.id, {
        status: 'ok',
        latencyMs: 1,
        bytes: 1,
        error: null,
        errorCode: null,
        at,
      });
      const left = await (await ready).query('SELECT 1 FROM host_models UNION ALL SELECT 1 FROM host_keys');
      expect(left.rows).toHaveLength(0);
    });
  });
}
