import type { WebConfig } from './config';

/**
 * The client's address and whether the page was served over https. Next.js sets
 * X-Forwarded-For/-Proto from the socket only when the request lacks them, so proxy.ts drops
 * client-sent ones unless a trusted proxy is configured (see stripUntrustedForwarding).
 */
export function clientOf(headers: Headers, config: WebConfig): { source: string; secure: boolean } {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // With a trusted proxy the entry it appended (the last) is the one nobody else could forge.
  const source = (config.trustProxy ? forwarded[forwarded.length - 1] : forwarded[0]) ?? 'unknown';
  // Only a trusted proxy says https; a client's own X-Forwarded-Proto is dropped by proxy.ts.
  const proto = config.trustProxy ? (headers.get('x-forwarded-proto') ?? '') : '';
  return { source: source.slice(0, 64), secure: proto.split(',')[0]?.trim() === 'https' };
}

/** Forwarding headers a client may not set on its own. */
export const FORWARDING_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'forwarded',
  'x-real-ip',
];
