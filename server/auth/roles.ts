import { z } from 'zod';

// Browser-safe: the UI hides controls with the same ranking the server enforces.

/** Each role includes everything the roles before it may do. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who may call a procedure: a role, or 'anonymous' for the few routes open without a session. */
export type Access = Role | 'anonymous';

export function allows(role: Role | null, needed: Access): boolean {
  if (needed === 'anonymous') return true;
  if (role === null) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** What each role adds, for the users page and the docs. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: 'sees hosts, graphs and snapshots',
  operator: 'viewer + refresh, plan, apply, snapshot and share',
  admin: 'operator + hosts and their credentials, host-key trust, users and the audit log',
};
