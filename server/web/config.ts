/**
 * Where the dashboard may be reached, read once from the environment. Browser-facing checks
 * (Host, Origin) and cookie flags follow from it; see docs/security.md.
 *
 * - PATCHBAY_ALLOWED_HOSTS: comma-separated `name[:port]` the Host header may carry
 *   (e.g. `patchbay.example.com` behind a TLS proxy). Default: 127.0.0.1, localhost and [::1]
 *   on $PORT (any port when PORT is unset).
 * - PATCHBAY_TRUST_PROXY=1: a reverse proxy in front sets X-Forwarded-For/-Proto; believe them.
 */
export interface WebConfig {
  /** Lower-case `name` or `name:port` entries; a bare name allows any port. */
  allowedHosts: string[];
  trustProxy: boolean;
}

export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function webConfigFrom(env: Record<string, string | undefined>): WebConfig {
  const explicit = (env.PATCHBAY_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const port = env.PORT && /^\d{1,5}$/.test(env.PORT) ? env.PORT : null;
  const allowedHosts =
    explicit.length > 0 ? explicit : LOOPBACK_NAMES.map((n) => (port ? `${n}:${port}` : n));
  return { allowedHosts, trustProxy: env.PATCHBAY_TRUST_PROXY === '1' };
}

/**
 * The Host the server names itself by (links it prints, requests it makes to itself): the first
 * allowed name, given this server's port when it has none (a bare name allows any port).
 */
export function ownHost(config: WebConfig, env: Record<string, string | undefined>): string {
  const first = config.allowedHosts[0] ?? '127.0.0.1';
  return first.includes(':') && !first.endsWith(']') ? first : `${first}:${env.PORT ?? '3000'}`;
}
