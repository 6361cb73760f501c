'use client';
import { createContext, type ReactNode, useContext } from 'react';
import { type Access, allows } from '@/server/auth/roles';
import type { SessionUser } from '@/server/auth/schema';

const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user, given by the server layout (the server enforces roles; this only hides controls). */
export function SessionProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export function useSessionUser(): SessionUser | null {
  return useContext(SessionContext);
}

/** Whether the signed-in user may use controls that need `access`. */
export function useCan(access: Access): boolean {
  return allows(useSessionUser()?.role ?? null, access);
}
