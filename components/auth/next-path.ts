/**
 * Where to go after sign-in: the `next` query parameter when it is a path on this site, else "/".
 * Anything else would make the sign-in page an open redirect: `//evil.example` and `/\evil.example`
 * are protocol-relative URLs to browsers, and control characters are stripped before parsing.
 */
export function safeNextPath(next: string | string[] | null | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value?.startsWith('/') || value.startsWith('//')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  return value;
}
