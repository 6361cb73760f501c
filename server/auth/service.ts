import { AuthError } from './errors';
import { DEFAULT_LOG_N, hashPassword, verifyAgainstNothing, verifyPassword } from './password';
import type { Role } from './roles';
import {
  ChangePasswordInput,
  LoginInput,
  type SessionUser,
  SetupInput,
  UserAddInput,
  type UserView,
} from './schema';
import { type AuthStore, type StoredUser, UserNameTakenError } from './store';
import { ADDRESS_RULE, addressKey, afterFailure, lockedFor, NAME_RULE, nameKey } from './throttle';
import { newToken, tokenHash } from './tokens';

export interface AuthServiceOptions {
  /** A session unused this long ends (default 12 h). */
  idleMs?: number;
  /** A session ends this long after sign-in whatever happens (default 7 days). */
  maxAgeMs?: number;
  /** A first-run setup link works this long (default 24 h). */
  setupTokenMs?: number;
  now?: () => Date;
  /** scrypt cost as log2(N); lower only in tests that hash thousands of throwaway passwords. */
  passwordLogN?: number;
}

/** Where a request came from, for sessions, throttling and the audit log. */
export interface Origin {
  source: string;
  userAgent: string;
}

export interface SignedIn {
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

export interface Session {
  tokenHash: string;
  user: SessionUser;
  expiresAt: Date;
}

const publicUser = (u: StoredUser): SessionUser => ({ id: u.id, name: u.name, role: u.role });
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/** Local accounts: sign-in with throttling, sessions, first-run setup and user management. */
export class AuthService {
  private readonly idleMs: number;
  private readonly maxAgeMs: number;
  private readonly setupTokenMs: number;
  private readonly now: () => Date;
  private readonly logN: number;

  constructor(
    private readonly store: AuthStore,
    opts: AuthServiceOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? 12 * 3600_000;
    this.maxAgeMs = opts.maxAgeMs ?? 7 * 24 * 3600_000;
    this.setupTokenMs = opts.setupTokenMs ?? 24 * 3600_000;
    this.now = opts.now ?? (() => new Date());
    this.logN = opts.passwordLogN ?? DEFAULT_LOG_N;
  }

  private hash(password: string): Promise<string> {
    return hashPassword(password, this.logN);
  }

  private async openSession(user: StoredUser, origin: Origin): Promise<SignedIn> {
    const token = newToken();
    const now = this.now();
    const expiresAt = new Date(now.getTime() + Math.min(this.idleMs, this.maxAgeMs));
    await this.store.createSession({
      tokenHash: tokenHash(token),
      userId: user.id,
      createdAt: now,
      expiresAt,
      source: origin.source,
      userAgent: origin.userAgent,
    });
    await this.store.touchLogin(user.id);
    return { token, user: publicUser(user), expiresAt };
  }

  async login(input: LoginInput, origin: Origin): Promise<SignedIn> {
    const { name, password } = LoginInput.parse(input);
    const now = this.now();
    const keys = [
      { key: nameKey(name), rule: NAME_RULE },
      { key: addressKey(origin.source), rule: ADDRESS_RULE },
    ];
    const records = await Promise.all(keys.map((k) => this.store.getLoginFailure(k.key)));
    const wait = Math.max(...records.map((r) => lockedFor(r, now)));
    if (wait > 0) {
      throw new AuthError(
        'LOCKED',
        `too many failed sign-ins; try again in ${minutes(wait)} min, or ask an admin to reset the password`,
        Math.ceil(wait / 1000),
      );
    }
    const user = await this.store.getUserByName(name);
    const ok = user
      ? await verifyPassword(password, user.passwordHash)
      : await verifyAgainstNothing(password, this.logN);
    if (!ok || !user) {
      const next = keys.map((k, i) => afterFailure(records[i] ?? null, now, k.rule));
      await Promise.all(keys.map((k, i) => this.store.putLoginFailure(k.key, next[i] as never)));
      const left = NAME_RULE.maxFailures - (next[0]?.failures ?? 0);
      throw new AuthError(
        'BAD_CREDENTIALS',
        left > 0
          ? 'wrong user name or password'
          : `wrong user name or password; sign-in for ${name} is now locked for ${minutes(NAME_RULE.lockMs)} min`,
      );
    }
    await this.store.clearLoginFailure(nameKey(name));
    return this.openSession(user, origin);
  }

  /** The live session for a cookie token; extends its idle deadline (at most once a minute). */
  async session(token: string | null | undefined): Promise<Session | null> {
    if (!token || token.length > 100) return null;
    const hash = tokenHash(token);
    const now = this.now();
    const s = await this.store.getSession(hash, now);
    if (!s) return null;
    const hardEnd = new Date(s.createdAt).getTime() + this.maxAgeMs;
    if (now.getTime() >= hardEnd) {
      await this.store.deleteSession(hash);
      return null;
    }
    let expiresAt = new Date(s.expiresAt);
    if (now.getTime() - new Date(s.lastSeenAt).getTime() > 60_000) {
      expiresAt = new Date(Math.min(hardEnd, now.getTime() + this.idleMs));
      await this.store.extendSession(hash, now, expiresAt);
    }
    return { tokenHash: hash, user: publicUser(s.user), expiresAt };
  }

  async logout(token: string | null | undefined): Promise<void> {
    if (token) await this.store.deleteSession(tokenHash(token));
  }

  async setupNeeded(): Promise<boolean> {
    return (await this.store.countUsers()) === 0;
  }

  /** A one-time link token for the first admin, or null once any user exists. */
  async createSetupToken(): Promise<string | null> {
    if (!(await this.setupNeeded())) return null;
    const token = newToken();
    await this.store.replaceSetupToken(tokenHash(token), new Date(this.now().getTime() + this.setupTokenMs));
    return token;
  }

  /** First run: the setup token creates the first admin and signs them in. */
  async setup(input: SetupInput, origin: Origin): Promise<SignedIn> {
    const { token, name, password } = SetupInput.parse(input);
    const closed = new AuthError(
      'SETUP_CLOSED',
      'this setup link is not valid (used, expired, replaced by a newer one, or an admin exists); sign in, or restart the server for a new link',
    );
    if (!(await this.setupNeeded())) throw closed;
    if (!(await this.store.consumeSetupToken(tokenHash(token), this.now()))) throw closed;
    const user = await this.store.createUser({
      name,
      role: 'admin',
      passwordHash: await this.hash(password),
    });
    await this.store.clearSetupTokens();
    return this.openSession(user, origin);
  }

  async changePassword(session: Session, input: { current: string; next: string }): Promise<void> {
    const { current, next } = ChangePasswordInput.parse(input);
    const user = await this.store.getUser(session.user.id);
    if (!user || !(await verifyPassword(current, user.passwordHash)))
      throw new AuthError('BAD_CREDENTIALS', 'the current password is wrong');
    await this.store.setPasswordHash(user.id, await this.hash(next));
    // Other sessions (another browser, a stolen cookie) end; this one stays.
    await this.store.deleteUserSessions(user.id, session.tokenHash);
  }

  async listUsers(): Promise<UserView[]> {
    const now = this.now();
    const users = await this.store.listUsers();
    return Promise.all(
      users.map(async (u) => {
        const lock = await this.store.getLoginFailure(nameKey(u.name));
        return {
          ...publicUser(u),
          createdAt: u.createdAt,
          lastLoginAt: u.lastLoginAt,
          lockedUntil: lockedFor(lock, now) > 0 ? (lock?.lockedUntil?.toISOString() ?? null) : null,
          sessions: u.sessions,
        };
      }),
    );
  }

  async userByName(name: string): Promise<SessionUser | null> {
    const user = await this.store.getUserByName(name);
    return user ? publicUser(user) : null;
  }

  async addUser(input: UserAddInput): Promise<SessionUser> {
    const { name, role, password } = UserAddInput.parse(input);
    try {
      return publicUser(await this.store.createUser({ name, role, passwordHash: await this.hash(password) }));
    } catch (err) {
      if (err instanceof UserNameTakenError) throw new AuthError('CONFLICT', err.message);
      throw err;
    }
  }

  private async existing(id: string): Promise<StoredUser> {
    const user = await this.store.getUser(id);
    if (!user) throw new AuthError('NOT_FOUND', `no user with id ${id}`);
    return user;
  }

  private async keepAnAdmin(user: StoredUser, what: string) {
    if (user.role === 'admin' && (await this.store.countAdmins()) <= 1)
      throw new AuthError(
        'LAST_ADMIN',
        `${user.name} is the last admin; make another admin before you ${what}`,
      );
  }

  async setRole(id: string, role: Role): Promise<SessionUser> {
    const user = await this.existing(id);
    if (role !== 'admin') await this.keepAnAdmin(user, 'change this role');
    await this.store.setRole(id, role);
    // Sessions carry no role (it is read per request), but a demoted user starts afresh anyway.
    if (role !== user.role) await this.store.deleteUserSessions(id);
    return { ...publicUser(user), role };
  }

  /** An admin sets a new password: the user's sessions end and any sign-in lock is lifted. */
  async resetPassword(id: string, password: string): Promise<SessionUser> {
    const user = await this.existing(id);
    await this.store.setPasswordHash(id, await this.hash(password));
    await this.store.deleteUserSessions(id);
    await this.store.clearLoginFailure(nameKey(user.name));
    return publicUser(user);
  }

  async removeUser(id: string): Promise<SessionUser> {
    const user = await this.existing(id);
    await this.keepAnAdmin(user, 'remove this user');
    await this.store.deleteUser(id);
    return publicUser(user);
  }
}
