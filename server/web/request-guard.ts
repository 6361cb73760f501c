import type { WebConfig } from './config';

/**
 * The checks every request passes before Next.js routes it (proxy.ts), pure so they are tested
 * without a server:
 * - Host must be one of the configured names: a DNS-rebinding page (evil.example resolving to
 *   127.0.0.1) arrives with its own name and is refused before any route runs.
 * - A state-changing request (anything but GET/HEAD/OPTIONS) must come from the dashboard's own
 *   origin (Origin equal to this Host, or Sec-Fetch-Site: same-origin when Origin is absent) and
 *   carry JSON: forms and multipart bodies, which browsers send cross-site without a preflight,
 *   never reach a procedure.
 */
export interface GuardRequest {
  method: string;
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
  contentType: string | null;
  /** How the browser reached the dashboard (https only through a trusted TLS proxy). */
  scheme: 'http' | 'https';
  /** Path only (for the error text). */
  path: string;
}

export interface Refusal {
  status: 400 | 403 | 415 | 421;
  message: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `name[:port]` from a Host header, lower-cased; null when it is not a plain host. */
function normaliseHost(host: string | null): { name: string; port: string | null } | null {
  if (!host) return null;
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m?.[1]) return null;
  return { name: m[1].toLowerCase(), port: m[2] ?? null };
}

export function hostAllowed(host: string | null, config: WebConfig): boolean {
  const h = normaliseHost(host);
  if (!h) return false;
  return config.allowedHosts.some((entry) => {
    const allowed = normaliseHost(entry);
    return allowed !== null && allowed.name === h.name && (allowed.port === null || allowed.port === h.port);
  });
}

function originMatchesHost(origin: string, host: string, scheme: 'http' | 'https'): boolean {
  try {
    const url = new URL(origin);
    return url.protocol === `${scheme}:` && url.host.toLowerCase() === host.trim().toLowerCase();
  } catch {
    return false;
  }
}

export function checkRequest(req: GuardRequest, config: WebConfig): Refusal | null {
  if (!hostAllowed(req.host, config)) {
    return {
      status: 421,
      message: `Patchbay does not answer to the host name "${req.host ?? ''}". Open it by one of: ${config.allowedHosts.join(', ')} (an admin sets PATCHBAY_ALLOWED_HOSTS).`,
    };
  }
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const host = req.host as string;
  if (req.origin !== null) {
    if (!originMatchesHost(req.origin, host, req.scheme))
      return { status: 403, message: `cross-origin request refused: ${req.origin} is not this dashboard` };
  } else if (req.secFetchSite !== 'same-origin') {
    return {
      status: 403,
      message: 'a request that changes something must come from the dashboard page (no Origin header)',
    };
  }
  const type = (req.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    return { status: 415, message: `${req.path} takes application/json only (got "${type || 'nothing'}")` };
  return null;
}
