import type { Session } from '@/server/auth';
import type { Services } from '@/server/services';
import type { Context } from './context';

/**
 * A request context without HTTP, for server-side callers in tests: the cookie the procedure
 * sets lands in `jar.token`, and the next context can carry it.
 */
export function contextFor(
  services: Services,
  session: Session | null,
  request: Partial<Context['request']> = {},
): Context & { jar: { token: string | null } } {
  const jar = { token: null as string | null };
  return {
    services,
    session,
    request: { source: '127.0.0.1', userAgent: 'test', secure: false, ...request },
    cookies: {
      token: null,
      set: (token) => {
        jar.token = token;
      },
      clear: () => {
        jar.token = null;
      },
    },
    jar,
  };
}
