/** AuthService on a real (in-memory) PGlite: sign-in, throttling, sessions, setup and accounts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, pgliteSql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import { AuthError } from './errors';
import { AuthService } from './service';
import { SqlAuthStore } from './sql-store';

const db = pgliteSql(freshPglite());
const store = new SqlAuthStore(Promise.resolve(db));
let clock = new Date('2026-06-01T08:00:00Z');
const auth = new AuthService(store, { now: () => clock, idleMs: 3600_000, maxAgeMs: 4 * 3600_000 });
const origin = { source: '192.0.2.7', userAgent: 'test' };
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

async function refusal(p: Promise<unknown>): Promise<AuthError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AuthError);
  return err as AuthError;
}

beforeAll(() => migrate(db, MIGRATIONS));
afterAll(() => db.close());

describe('first run', { timeout: 60_000 }, () => {
  it('a one-time setup token creates the first admin; then setup is closed', async () => {
    expect(await auth.setupNeeded()).toBe(true);
    const old = (await auth.createSetupToken()) as string;
    const token = (await auth.createSetupToken()) as string;
    // Only the newest printed link works.
    expect(
      (await refusal(auth.setup({ token: old, name: 'root_admin', password: 'first-admin-pw' }, origin)))
        .code,
    ).toBe('SETUP_CLOSED');
    const signedIn = await auth.setup({ token, name: 'root_admin', password: 'first-admin-pw' }, origin);
    expect(signedIn.user).toMatchObject({ name: 'root_admin', role: 'admin' });
    expect(await auth.setupNeeded()).toBe(false);
    expect(await auth.createSetupToken()).toBeNull();
    expect(
      (await refusal(auth.setup({ token, name: 'again', password: 'first-admin-pw' }, origin))).code,
    ).toBe('SETUP_CLOSED');
  });
});

describe('sign-in', { timeout: 60_000 }, () => {
  beforeAll(() => auth.addUser({ name: 'ops', role: 'operator', password: 'operator-pw-1' }));

  it('opens a session that the cookie token finds, and logout ends it', async () => {
    const s = await auth.login({ name: 'ops', password: 'operator-pw-1' }, origin);
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await auth.session(s.token))?.user).toMatchObject({ name: 'ops', role: 'operator' });
    await auth.logout(s.token);
    expect(await auth.session(s.token)).toBeNull();
    expect(await auth.session('x'.repeat(43))).toBeNull();
  });

  it('says the same for an unknown name and a wrong password', async () => {
    const a = await refusal(
      auth.login({ name: 'nobody', password: 'whatever-1' }, { ...origin, source: 'a' }),
    );
    const b = await refusal(auth.login({ name: 'ops', password: 'wrong-pw-12' }, { ...origin, source: 'b' }));
    expect(a.message).toBe(b.message);
    expect(a.code).toBe('BAD_CREDENTIALS');
  });

  it('locks a name after five failures, even with the right password, until the lock runs out', async () => {
    await auth.addUser({ name: 'target', role: 'viewer', password: 'viewer-pw-123' });
    for (let i = 0; i < 5; i++)
      await refusal(
        auth.login({ name: 'target', password: `guess-${i}-xxxx` }, { ...origin, source: `s${i}` }),
      );
    const locked = await refusal(auth.login({ name: 'target', password: 'viewer-pw-123' }, origin));
    expect(locked.code).toBe('LOCKED');
    expect(locked.message).toMatch(/try again in 15 min/);
    expect((await auth.listUsers()).find((u) => u.name === 'target')?.lockedUntil).not.toBeNull();
    advance(15 * 60_000 + 1);
    expect((await auth.login({ name: 'target', password: 'viewer-pw-123' }, origin)).user.name).toBe(
      'target',
    );
  });

  it('an admin password reset lifts a lock and ends the sessions', async () => {
    const s = await auth.login({ name: 'target', password: 'viewer-pw-123' }, origin);
    for (let i = 0; i < 5; i++)
      await refusal(auth.login({ name: 'target', password: `nope-${i}-xxxx` }, origin));
    const id = (await auth.userByName('target'))?.id as string;
    await auth.resetPassword(id, 'brand-new-pw-1');
    expect(await auth.session(s.token)).toBeNull();
    expect((await auth.login({ name: 'target', password: 'brand-new-pw-1' }, origin)).user.name).toBe(
      'target',
    );
  });

  it('sessions end after the idle time, and after the absolute maximum even when used', async () => {
    const s = await auth.login({ name: 'ops', password: 'operator-pw-1' }, origin);
    advance(3600_000 + 1);
    expect(await auth.session(s.token)).toBeNull();
    const t = await auth.login({ name: 'ops', password: 'operator-pw-1' }, origin);
    // Used every 50 min (under the 60 min idle limit) it lives until the 4 h maximum.
    for (let i = 0; i < 4; i++) {
      advance(50 * 60_000);
      expect(await auth.session(t.token), `after ${(i + 1) * 50} min`).not.toBeNull();
    }
    advance(50 * 60_000);
    expect(await auth.session(t.token)).toBeNull();
  });

  it("changing one's password ends the other sessions and keeps this one", async () => {
    const here = await auth.login({ name: 'ops', password: 'operator-pw-1' }, origin);
    const there = await auth.login({ name: 'ops', password: 'operator-pw-1' }, origin);
    const session = (await auth.session(here.token)) as NonNullable<Awaited<ReturnType<typeof auth.session>>>;
    expect(
      (await refusal(auth.changePassword(session, { current: 'bad-current', next: 'operator-pw-2' }))).code,
    ).toBe('BAD_CREDENTIALS');
    await auth.changePassword(session, { current: 'operator-pw-1', next: 'operator-pw-2' });
    expect(await auth.session(here.token)).not.toBeNull();
    expect(await auth.session(there.token)).toBeNull();
  });
});

describe('accounts', { timeout: 60_000 }, () => {
  it('refuses duplicate names and weak passwords, and never removes or demotes the last admin', async () => {
    expect(
      (await refusal(auth.addUser({ name: 'ops', role: 'viewer', password: 'another-pw-1' }))).code,
    ).toBe('CONFLICT');
    await expect(auth.addUser({ name: 'weak', role: 'viewer', password: 'short' })).rejects.toThrow(
      /10 characters/,
    );
    const admin = (await auth.userByName('root_admin'))?.id as string;
    expect((await refusal(auth.removeUser(admin))).code).toBe('LAST_ADMIN');
    expect((await refusal(auth.setRole(admin, 'viewer'))).code).toBe('LAST_ADMIN');
    const second = await auth.addUser({ name: 'admin2', role: 'admin', password: 'second-admin-1' });
    await auth.setRole(admin, 'viewer');
    expect((await refusal(auth.removeUser(second.id))).code).toBe('LAST_ADMIN');
  });

  it('stores only scrypt hashes of passwords and SHA-256 of session tokens', async () => {
    const s = await auth.login({ name: 'admin2', password: 'second-admin-1' }, origin);
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$17\$8\$1\$/);
    const dump = JSON.stringify((await db.query('SELECT * FROM sessions')).rows);
    expect(dump).not.toContain(s.token);
    expect(JSON.stringify(rows)).not.toContain('second-admin-1');
  });
});
