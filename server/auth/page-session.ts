import 'server-only';
import { cookies } from 'next/headers';
import { getServices } from '@/server/services';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '@/server/web/cookies';
import type { SessionUser } from './schema';

/** The signed-in user of a page request (server components), or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  const token = jar.get(SECURE_SESSION_COOKIE)?.value ?? jar.get(SESSION_COOKIE)?.value ?? null;
  const session = await (await getServices()).auth.session(token);
  return session?.user ?? null;
}
