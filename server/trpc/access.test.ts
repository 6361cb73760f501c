/**
 * The role matrix: every procedure of the app router declares who may call it, and anonymous,
 * viewer, operator and admin callers get exactly that. A procedure added without an entry here
 * (or without `access`) fails this test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Access, ROLES, type Role, type Session } from '@/server/auth';
import { createServices, type Services } from '@/server/services';
import { SshPool } from '@/server/ssh';
import { MIGRATIONS, migrate, pgliteSql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import type { Meta } from './init';
import { appRouter, createCaller } from './routers/_app';
import { contextFor } from './test-context';

const EXPECTED: Record<string, Access> = {
  'trace.run': 'viewer',
  'layout.compute': 'viewer',
  'trace.reach': 'operator',
  'auth.me': 'anonymous',
  'auth.login': 'anonymous',
  'auth.setup': 'anonymous',
  'auth.logout': 'anonymous',
  'auth.changePassword': 'viewer',
  'hosts.list': 'viewer',
  'hosts.get': 'viewer',
  'hosts.model': 'viewer',
  'hosts.refresh': 'operator',
  'hosts.refreshAll': 'operator',
  'hosts.add': 'admin',
  'hosts.update': 'admin',
  'hosts.remove': 'admin',
  'hosts.test': 'admin',
  'hosts.trustHostKey': 'admin',
  'users.list': 'admin',
  'users.add': 'admin',
  'users.setRole': 'admin',
  'users.resetPassword': 'admin',
  'users.remove': 'admin',
  'audit.list': 'admin',
  'changes.plan': 'operator',
  'changes.getPlan': 'viewer',
  'changes.applyPlan': 'operator',
  'changes.progress': 'operator',
  'changes.runs': 'viewer',
  'changes.run': 'viewer',
  'snapshots.list': 'viewer',
  'snapshots.get': 'viewer',
  'snapshots.take': 'operator',
  'snapshots.update': 'operator',
  'snapshots.remove': 'operator',
  'snapshots.compare': 'viewer',
  'snapshots.compareLive': 'operator',
  'snapshots.planRestore': 'operator',
  'snapshots.schedules': 'viewer',
  'snapshots.schedule': 'operator',
  'snapshots.shares': 'viewer',
  'snapshots.share': 'operator',
  'snapshots.revokeShare': 'operator',
  'snapshots.openShare': 'anonymous',
};

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { meta?: Meta; type: string } }
>;
const dir = mkdtempSync(join(tmpdir(), 'pb-access-'));
const db = pgliteSql(freshPglite());
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null });
let services: Services;
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  await migrate(db, MIGRATIONS);
  services = createServices(Promise.resolve(db), dir, { ssh: pool });
  for (const role of ROLES) {
    const name = `${role}1`;
    await services.auth.addUser({ name, role, password: `${role}-password-1` });
    const signedIn = await services.auth.login(
      { name, password: `${role}-password-1` },
      { source: 't', userAgent: '' },
    );
    sessions.set(role, (await services.auth.session(signedIn.token)) as Session);
  }
}, 60_000);
afterAll(async () => {
  pool.closeAll();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(path: string, session: Session | null): Promise<TRPCError | null> {
  const caller = createCaller(contextFor(services, session)) as unknown as Record<
    string,
    Record<string, (input?: unknown) => Promise<unknown>>
  >;
  const [group, name] = path.split('.') as [string, string];
  const fn = caller[group]?.[name];
  if (!fn) throw new Error(`no caller for ${path}`);
  return fn(undefined).then(
    () => null,
    (err: unknown) => (err instanceof TRPCError ? err : Promise.reject(err)),
  );
}

describe('role matrix', () => {
  it('every procedure declares its access, and the matrix lists every procedure', () => {
    const paths = Object.keys(procedures).sort();
    for (const path of paths) expect(procedures[path]?._def.meta?.access, path).toBeDefined();
    expect(paths).toEqual(Object.keys(EXPECTED).sort());
    for (const path of paths) expect(procedures[path]?._def.meta?.access, path).toBe(EXPECTED[path]);
  });

  it('state-changing procedures are mutations and the rest queries', () => {
    const queries = [
      'auth.me',
      'hosts.list',
      'hosts.get',
      'hosts.model',
      'users.list',
      'audit.list',
      'changes.getPlan',
      'changes.runs',
      'changes.run',
      'snapshots.list',
      'snapshots.get',
      'snapshots.compare',
      'snapshots.shares',
      'snapshots.schedules',
      'snapshots.openShare',
    ];
    const subscriptions = ['changes.progress'];
    for (const [path, p] of Object.entries(procedures))
      expect(p._def.type, path).toBe(
        queries.includes(path) ? 'query' : subscriptions.includes(path) ? 'subscription' : 'mutation',
      );
  });

  for (const caller of ['anonymous', ...ROLES] as const) {
    it(`${caller}: refused exactly where the matrix says`, { timeout: 60_000 }, async () => {
      const session = caller === 'anonymous' ? null : (sessions.get(caller) as Session);
      for (const [path, needed] of Object.entries(EXPECTED)) {
        // logout would end the session the next calls use
        if (path === 'auth.logout' && session) continue;
        const err = await call(path, session);
        const rank = (a: Access) => (a === 'anonymous' ? -1 : ROLES.indexOf(a));
        const allowed = rank(caller) >= rank(needed);
        if (allowed) {
          expect(['UNAUTHORIZED', 'FORBIDDEN'], `${caller} ${path}: ${err?.message}`).not.toContain(
            err?.code,
          );
        } else {
          expect(err?.code, `${caller} ${path}`).toBe(caller === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
        }
      }
    });
  }
});
