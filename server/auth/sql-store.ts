import { randomUUID } from 'node:crypto';
import type { Sql, SqlRunner } from '@/server/storage/sql';
import type { Role } from './roles';
import {
  type AuthStore,
  type LoginFailure,
  type StoredSession,
  type StoredUser,
  UserNameTakenError,
} from './store';

interface UserRow {
  id: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: Date;
  last_login_at: Date | null;
}

const toUser = (r: UserRow): StoredUser => ({
  id: r.id,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  createdAt: r.created_at.toISOString(),
  lastLoginAt: r.last_login_at ? r.last_login_at.toISOString() : null,
});

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

/** AuthStore on PGlite (plain PostgreSQL SQL). */
export class SqlAuthStore implements AuthStore {
  constructor(private readonly db: Promise<Sql>) {}

  private async q<T>(sql: string, params: unknown[] = []): Promise<{ rows: T[]; affected: number }> {
    const res = await (await this.db).query<T>(sql, params);
    return { rows: res.rows, affected: res.affected };
  }

  async countUsers(): Promise<number> {
    const { rows } = await this.q<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return rows[0]?.n ?? 0;
  }

  async countAdmins(): Promise<number> {
    const { rows } = await this.q<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE role = 'admin'`);
    return rows[0]?.n ?? 0;
  }

  async listUsers() {
    const { rows } = await this.q<UserRow & { sessions: number }>(
      `SELECT u.*, (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id AND s.expires_at > now()) AS sessions
       FROM users u ORDER BY u.name`,
    );
    return rows.map((r) => ({ ...toUser(r), sessions: r.sessions }));
  }

  async getUser(id: string) {
    const { rows } = await this.q<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async getUserByName(name: string) {
    const { rows } = await this.q<UserRow>('SELECT * FROM users WHERE name = $1', [name]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async createUser(u: { name: string; role: Role; passwordHash: string }) {
    const id = randomUUID();
    try {
      await this.q('INSERT INTO users (id, name, role, password_hash) VALUES ($1, $2, $3, $4)', [
        id,
        u.name,
        u.role,
        u.passwordHash,
      ]);
    } catch (err) {
      if (isUniqueViolation(err)) throw new UserNameTakenError(u.name);
      throw err;
    }
    return (await this.getUser(id)) as StoredUser;
  }

  async setRole(id: string, role: Role) {
    const { affected } = await this.q('UPDATE users SET role = $2, updated_at = now() WHERE id = $1', [
      id,
      role,
    ]);
    return affected > 0;
  }

  async setPasswordHash(id: string, hash: string) {
    const { affected } = await this.q(
      'UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1',
      [id, hash],
    );
    return affected > 0;
  }

  async deleteUser(id: string) {
    return (await this.q('DELETE FROM users WHERE id = $1', [id])).affected > 0;
  }

  async touchLogin(id: string) {
    await this.q('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  async createSession(s: {
    tokenHash: string;
    userId: string;
    createdAt: Date;
    expiresAt: Date;
    source: string;
    userAgent: string;
  }) {
    await this.q(
      `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, source, user_agent)
       VALUES ($1, $2, $3, $3, $4, $5, $6)`,
      [
        s.tokenHash,
        s.userId,
        s.createdAt.toISOString(),
        s.expiresAt.toISOString(),
        s.source,
        s.userAgent.slice(0, 300),
      ],
    );
  }

  async getSession(tokenHash: string, now: Date): Promise<StoredSession | null> {
    const { rows } = await this.q<
      UserRow & { token_hash: string; s_created_at: Date; last_seen_at: Date; expires_at: Date }
    >(
      `SELECT u.*, s.token_hash, s.created_at AS s_created_at, s.last_seen_at, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [tokenHash, now.toISOString()],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      tokenHash: r.token_hash,
      user: toUser(r),
      createdAt: r.s_created_at.toISOString(),
      lastSeenAt: r.last_seen_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
    };
  }

  async extendSession(tokenHash: string, lastSeenAt: Date, expiresAt: Date) {
    await this.q('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1', [
      tokenHash,
      lastSeenAt.toISOString(),
      expiresAt.toISOString(),
    ]);
  }

  async deleteSession(tokenHash: string) {
    await this.q('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteUserSessions(userId: string, keepTokenHash?: string) {
    await this.q('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [
      userId,
      keepTokenHash ?? '',
    ]);
  }

  async replaceSetupToken(tokenHash: string, expiresAt: Date) {
    await (await this.db).transaction(async (tx: SqlRunner) => {
      await tx.query('DELETE FROM setup_tokens');
      await tx.query('INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1, $2)', [
        tokenHash,
        expiresAt.toISOString(),
      ]);
    });
  }

  async consumeSetupToken(tokenHash: string, now: Date) {
    const { affected } = await this.q('DELETE FROM setup_tokens WHERE token_hash = $1 AND expires_at > $2', [
      tokenHash,
      now.toISOString(),
    ]);
    return affected > 0;
  }

  async clearSetupTokens() {
    await this.q('DELETE FROM setup_tokens');
  }

  async getLoginFailure(key: string): Promise<LoginFailure | null> {
    const { rows } = await this.q<{ failures: number; window_start: Date; locked_until: Date | null }>(
      'SELECT failures, window_start, locked_until FROM login_failures WHERE key = $1',
      [key],
    );
    const r = rows[0];
    return r ? { failures: r.failures, windowStart: r.window_start, lockedUntil: r.locked_until } : null;
  }

  async putLoginFailure(key: string, f: LoginFailure) {
    await this.q(
      `INSERT INTO login_failures (key, failures, window_start, locked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, locked_until = $4`,
      [key, f.failures, f.windowStart.toISOString(), f.lockedUntil?.toISOString() ?? null],
    );
  }

  async clearLoginFailure(key: string) {
    await this.q('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
