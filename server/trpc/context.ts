import 'server-only';
import type { FetchCreateContextFnOptions } from '@trpc/server/adapters/fetch';
import type { Session } from '@/server/auth';
import { getServices, type Services } from '@/server/services';
import {
  clearSessionCookie,
  clientOf,
  serializeSessionCookie,
  sessionTokenFrom,
  webConfigFrom,
} from '@/server/web';

/** Who is asking and from where; set once per request. */
export interface RequestInfo {
  source: string;
  userAgent: string;
  secure: boolean;
}

/** The session cookie as the procedures see it: read the token, set or clear it on the answer. */
export interface CookieJar {
  token: string | null;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context {
  services: Services;
  session: Session | null;
  request: RequestInfo;
  cookies: CookieJar;
}

const config = webConfigFrom(process.env);

/** The context of an API request: its session cookie may be set or cleared on the answer. */
export function createContext({ req, resHeaders }: FetchCreateContextFnOptions): Promise<Context> {
  return contextOf(req.headers, (secure) => ({
    set: (value, expiresAt) =>
      resHeaders.append('Set-Cookie', serializeSessionCookie(value, expiresAt, secure)),
    clear: () => resHeaders.append('Set-Cookie', clearSessionCookie(secure)),
  }));
}

/**
 * The context of a page's server render (page-queries.ts): the same session and source as its
 * API calls would have. A page's answer has been started by then, so nothing may set a cookie.
 */
export function pageContextOf(headers: Headers, session: Session | null): Promise<Context> {
  const refuse = () => {
    throw new Error('a page render cannot set or clear the session cookie');
  };
  return contextOf(headers, () => ({ set: refuse, clear: refuse }), session);
}

async function contextOf(
  headers: Headers,
  writer: (secure: boolean) => Pick<CookieJar, 'set' | 'clear'>,
  /** Already looked up (a page's session), else looked up from the request's cookie. */
  known?: Session | null,
): Promise<Context> {
  const services = await getServices();
  const { source, secure } = clientOf(headers, config);
  const token = sessionTokenFrom(headers.get('cookie'));
  return {
    services,
    session: known !== undefined ? known : await services.auth.session(token),
    request: { source, secure, userAgent: (headers.get('user-agent') ?? '').slice(0, 300) },
    cookies: { token, ...writer(secure) },
  };
}
