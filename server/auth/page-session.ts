import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getServices } from '@/server/services';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '@/server/web/cookies';
import type { SessionUser } from './schema';
import type { Session } from './service';

/**
 * The session of a page request (server components), or null; looked up once per request however
 * many layouts, pages and page queries (page-queries.ts) ask.
 */
export const currentSession = cache(async (): Promise<Session | null> => {
  const jar = await cookies();
  const token = jar.get(SECURE_SESSION_COOKIE)?.value ?? jar.get(SESSION_COOKIE)?.value ?? null;
  return (await getServices()).auth.session(token);
});

/** The signed-in user of a page request, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  return (await currentSession())?.user ?? null;
}
