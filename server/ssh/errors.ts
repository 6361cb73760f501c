/** Typed SSH failures: each carries a stable `code` so the API can return it as data. */
export class SshError extends Error {
  /** Survives bundling (Next.js may load this class twice, so `instanceof` cannot be trusted). */
  readonly domain = 'ssh';
  readonly code: string = 'SSH_ERROR';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface HostKeyInfo {
  /** `host:port` the key was presented for (the target or a jump host). */
  endpoint: string;
  fingerprint: string;
  keyType: string;
}

export class HostKeyUnknownError extends SshError {
  override readonly code = 'HOST_KEY_UNKNOWN';
  constructor(
    readonly host: string,
    readonly endpoint: string,
    readonly fingerprint: string,
    readonly keyType: string,
    hint = 'confirm the fingerprint out of band, then trust it',
  ) {
    super(`host key of ${endpoint} is not known (${keyType} ${fingerprint}); ${hint}`);
  }
}

export class HostKeyChangedError extends SshError {
  override readonly code = 'HOST_KEY_CHANGED';
  constructor(
    readonly host: string,
    readonly endpoint: string,
    readonly expected: string[],
    readonly fingerprint: string,
    readonly keyType: string,
    hint = 'if the host was reinstalled or its key rotated on purpose, verify the new fingerprint and trust it again; otherwise someone may be intercepting the connection',
  ) {
    super(
      `HOST KEY CHANGED for ${endpoint}: expected ${expected.join(' or ')}, got ${keyType} ${fingerprint}; ${hint}`,
    );
  }
}

export class HostKeyRevokedError extends SshError {
  override readonly code = 'HOST_KEY_REVOKED';
  constructor(
    readonly endpoint: string,
    readonly fingerprint: string,
  ) {
    super(`host key ${fingerprint} of ${endpoint} is marked @revoked in known_hosts; refusing to connect`);
  }
}

export class SshConnectError extends SshError {
  override readonly code = 'CONNECT_FAILED';
}

export class SshAuthError extends SshError {
  override readonly code = 'AUTH_FAILED';
}

export class SshTimeoutError extends SshError {
  override readonly code = 'TIMEOUT';
}

export class SshAbortedError extends SshError {
  override readonly code = 'ABORTED';
}

export class SudoPasswordRequiredError extends SshError {
  override readonly code = 'SUDO_PASSWORD_REQUIRED';
  constructor(
    readonly host: string,
    readonly user: string,
  ) {
    super(
      `sudo on ${host} requires a password for ${user}; configure NOPASSWD for ${user} (e.g. "${user} ALL=(root) NOPASSWD: /bin/sh") or connect as root`,
    );
  }
}

/** A plain, serialisable view of any error for API responses and logs (never contains secrets). */
export interface SshErrorData {
  code: string;
  message: string;
  endpoint?: string;
  fingerprint?: string;
  keyType?: string;
  expected?: string[];
}

export function toErrorData(err: unknown): SshErrorData {
  if (err instanceof HostKeyUnknownError) {
    const { code, message, endpoint, fingerprint, keyType } = err;
    return { code, message, endpoint, fingerprint, keyType };
  }
  if (err instanceof HostKeyChangedError) {
    const { code, message, endpoint, fingerprint, keyType, expected } = err;
    return { code, message, endpoint, fingerprint, keyType, expected };
  }
  if (err instanceof SshError) return { code: err.code, message: err.message };
  return { code: 'ERROR', message: err instanceof Error ? err.message : String(err) };
}
