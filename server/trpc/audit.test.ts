/** What the audit log records through the API: who, from where, what, and never a secret. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@/server/auth';
import { createServices, type Services } from '@/server/services';
import { SshPool } from '@/server/ssh';
import { MIGRATIONS, migrate, pgliteSql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import { createCaller } from './routers/_app';
import { contextFor } from './test-context';

const dir = mkdtempSync(join(tmpdir(), 'pb-audit-'));
const db = pgliteSql(freshPglite());
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null });
let services: Services;

beforeAll(async () => {
  await migrate(db, MIGRATIONS);
  services = createServices(Promise.resolve(db), dir, { ssh: pool });
  await services.auth.addUser({ name: 'boss', role: 'admin', password: 'boss-password-1' });
  await services.auth.addUser({ name: 'watcher', role: 'viewer', password: 'watcher-password' });
}, 60_000);
afterAll(async () => {
  pool.closeAll();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const anonymous = (source: string) => createCaller(contextFor(services, null, { source }));
async function signedIn(name: string, password: string) {
  const ctx = contextFor(services, null, { source: '198.51.100.9' });
  await createCaller(ctx).auth.login({ name, password });
  const session = (await services.auth.session(ctx.jar.token)) as Session;
  return createCaller(contextFor(services, session, { source: '198.51.100.9' }));
}

describe('audit log', { timeout: 60_000 }, () => {
  it('records sign-ins that worked and that failed, with the source address', async () => {
    await anonymous('203.0.113.5')
      .auth.login({ name: 'boss', password: 'not-the-password' })
      .catch(() => undefined);
    await signedIn('boss', 'boss-password-1');
    const entries = await services.audit.list({ action: 'auth.login' });
    expect(entries.map((e) => [e.outcome, e.target, e.source])).toEqual([
      ['ok', 'boss', '198.51.100.9'],
      ['failed', 'boss', '203.0.113.5'],
    ]);
    expect(entries[1]?.detail).toMatchObject({ error: 'UNAUTHORIZED', input: { password: '[redacted]' } });
  });

  it('records host changes by whom, with the password redacted', async () => {
    const admin = await signedIn('boss', 'boss-password-1');
    const host = await admin.hosts.add({
      name: 'aio',
      address: '127.0.0.1',
      auth: { method: 'password', password: 'hunter2-secret' },
    });
    await admin.hosts.remove({ id: host.id });
    const [removed, added] = await services.audit.list({ actor: 'boss', limit: 2 });
    expect(added).toMatchObject({ action: 'hosts.add', target: 'aio', outcome: 'ok', role: 'admin' });
    expect(removed).toMatchObject({ action: 'hosts.remove', target: host.id, outcome: 'ok' });
    const all = JSON.stringify(await services.audit.list({ limit: 500 }));
    expect(all).not.toContain('hunter2-secret');
    expect(all).not.toContain('boss-password-1');
  });

  it('records a refused attempt as denied', async () => {
    const viewer = await signedIn('watcher', 'watcher-password');
    await expect(
      viewer.users.add({ name: 'sneaky', role: 'admin', password: 'sneaky-password' }),
    ).rejects.toThrow(/admin role/);
    const [entry] = await services.audit.list({ action: 'users.add' });
    expect(entry).toMatchObject({ actor: 'watcher', role: 'viewer', outcome: 'denied', target: 'sneaky' });
    expect(JSON.stringify(entry)).not.toContain('sneaky-password');
  });

  it('is append-only in the database itself, and exports as JSON lines', async () => {
    await expect(db.query('UPDATE audit_log SET actor = $1', ['someone-else'])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const lines: string[] = [];
    for await (const line of services.audit.exportLines(2)) lines.push(line);
    const parsed = lines.map((l) => JSON.parse(l) as { id: number });
    expect(parsed.length).toBe((await services.audit.list({ limit: 500 })).length);
    expect(parsed.map((e) => e.id)).toEqual([...parsed.map((e) => e.id)].sort((a, b) => a - b));
  });
});
