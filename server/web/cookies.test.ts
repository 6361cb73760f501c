import { describe, expect, it } from 'vitest';
import { clearSessionCookie, serializeSessionCookie, sessionTokenFrom } from './cookies';

const token = 'a'.repeat(43);

describe('session cookie', () => {
  it('is HttpOnly and SameSite=Strict; Secure with the __Host- prefix over https', () => {
    const plain = serializeSessionCookie(token, new Date(0), false);
    expect(plain).toMatch(/^patchbay_session=a{43}; Path=\/; HttpOnly; SameSite=Strict; Expires=/);
    expect(plain).not.toContain('Secure');
    expect(serializeSessionCookie(token, new Date(0), true)).toMatch(/^__Host-patchbay_session=.*; Secure$/);
    expect(clearSessionCookie(false)).toContain('Max-Age=0');
  });
  it('reads only a well-formed token from either name', () => {
    expect(sessionTokenFrom(`x=1; patchbay_session=${token}`)).toBe(token);
    expect(sessionTokenFrom(`__Host-patchbay_session=${token}`)).toBe(token);
    expect(sessionTokenFrom('patchbay_session=short')).toBeNull();
    expect(sessionTokenFrom(null)).toBeNull();
  });
});
