import type { Role } from './roles';

/** Storage-side shapes of accounts; callers depend on this interface only. */

export interface StoredUser {
  id: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface StoredSession {
  tokenHash: string;
  user: StoredUser;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface LoginFailure {
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

export class UserNameTakenError extends Error {
  constructor(readonly userName: string) {
    super(`a user named "${userName}" already exists`);
  }
}

export interface AuthStore {
  countUsers(): Promise<number>;
  countAdmins(): Promise<number>;
  listUsers(): Promise<(StoredUser & { sessions: number })[]>;
  getUser(id: string): Promise<StoredUser | null>;
  getUserByName(name: string): Promise<StoredUser | null>;
  /** Throws UserNameTakenError. */
  createUser(user: { name: string; role: Role; passwordHash: string }): Promise<StoredUser>;
  setRole(id: string, role: Role): Promise<boolean>;
  setPasswordHash(id: string, hash: string): Promise<boolean>;
  deleteUser(id: string): Promise<boolean>;
  touchLogin(id: string): Promise<void>;

  createSession(s: {
    tokenHash: string;
    userId: string;
    createdAt: Date;
    expiresAt: Date;
    source: string;
    userAgent: string;
  }): Promise<void>;
  /** The live session (not expired) with its user, or null. */
  getSession(tokenHash: string, now: Date): Promise<StoredSession | null>;
  extendSession(tokenHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** All of a user's sessions except, optionally, one to keep. */
  deleteUserSessions(userId: string, keepTokenHash?: string): Promise<void>;

  /** Replaces any earlier setup token (only the newest link printed works). */
  replaceSetupToken(tokenHash: string, expiresAt: Date): Promise<void>;
  /** Deletes the token if it is valid now; true when it was. One use only. */
  consumeSetupToken(tokenHash: string, now: Date): Promise<boolean>;
  clearSetupTokens(): Promise<void>;

  getLoginFailure(key: string): Promise<LoginFailure | null>;
  putLoginFailure(key: string, f: LoginFailure): Promise<void>;
  clearLoginFailure(key: string): Promise<void>;
}
