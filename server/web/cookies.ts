/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no cross-site request
 * carries it), Path=/, and Secure with the __Host- prefix when served over https.
 */
export const SESSION_COOKIE = 'patchbay_session';
export const SECURE_SESSION_COOKIE = '__Host-patchbay_session';

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function serializeSessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const parts = [
    `${sessionCookieName(secure)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function clearSessionCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}

/** The session token from a Cookie header (either name: a proxy may add https later). */
export function sessionTokenFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE || name === SECURE_SESSION_COOKIE) {
      const value = rest.join('=');
      if (/^[A-Za-z0-9_-]{43}$/.test(value)) return value;
    }
  }
  return null;
}
