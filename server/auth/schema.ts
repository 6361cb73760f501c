import { z } from 'zod';
import { Role } from './roles';

// Browser-safe (the sign-in and users forms validate with the same schemas).

export const USER_NAME_RE = /^[a-z_][a-z0-9_.-]{0,31}$/;
export const UserName = z
  .string()
  .regex(USER_NAME_RE, 'lower-case letters, digits, ".", "_" or "-" (max 32), starting with a letter or "_"');

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN = 10;
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
  .max(256, 'at most 256 characters');
/** Sign-in takes whatever was typed (an old, shorter password still gets a clear "wrong password"). */
const GivenPassword = z.string().min(1, 'the password is empty').max(256, 'at most 256 characters');

export const UserId = z.uuid();
export const SETUP_TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export const LoginInput = z.object({
  // Whatever was typed, within reason: no control characters (they never name an account).
  name: z
    .string()
    .min(1, 'the user name is empty')
    .max(64)
    .regex(/^[^\p{Cc}]+$/u, 'no control characters'),
  password: GivenPassword,
});
export const SetupInput = z.object({
  token: z.string().regex(SETUP_TOKEN_RE, 'the setup link is incomplete; copy it again from the server log'),
  name: UserName,
  password: NewPassword,
});
export const ChangePasswordInput = z.object({ current: GivenPassword, next: NewPassword });
export const UserAddInput = z.object({ name: UserName, role: Role, password: NewPassword });
export const UserIdInput = z.object({ id: UserId });
export const UserRoleInput = z.object({ id: UserId, role: Role });
export const UserPasswordInput = z.object({ id: UserId, password: NewPassword });

export type LoginInput = z.infer<typeof LoginInput>;
export type SetupInput = z.infer<typeof SetupInput>;
export type UserAddInput = z.infer<typeof UserAddInput>;

/** A signed-in user as the browser sees it. */
export const SessionUser = z.object({ id: z.string(), name: z.string(), role: Role });
export type SessionUser = z.infer<typeof SessionUser>;

export const UserView = SessionUser.extend({
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  /** ISO time until which sign-in is refused after repeated failures, or null. */
  lockedUntil: z.string().nullable(),
  sessions: z.number(),
});
export type UserView = z.infer<typeof UserView>;
