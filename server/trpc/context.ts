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

export async function createContext({ req, resHeaders }: FetchCreateContextFnOptions): Promise<Context> {
  const services = await getServices();
  const { source, secure } = clientOf(req.headers, config);
  const token = sessionTokenFrom(req.headers.get('cookie'));
  return {
    services,
    session: await services.auth.session(token),
    request: { source, secure, userAgent: (req.headers.get('user-agent') ?? '').slice(0, 300) },
    cookies: {
      token,
      set: (value, expiresAt) =>
        resHeaders.append('Set-Cookie', serializeSessionCookie(value, expiresAt, secure)),
      clear: () => resHeaders.append('Set-Cookie', clearSessionCookie(secure)),
    },
  };
}
