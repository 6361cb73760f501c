'use client';
import type { ReactNode } from 'react';
import type { Access } from '@/server/auth/roles';
import { useCan } from './session-context';

/**
 * Renders its children only for users whose role allows `access`, so server components (which
 * cannot read the session context) can still hide controls. Hiding is a courtesy: the server
 * refuses the calls anyway.
 */
export function RoleGate({ access, children }: { access: Access; children: ReactNode }) {
  return useCan(access) ? children : null;
}
