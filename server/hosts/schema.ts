import { z } from 'zod';

// Shared by tRPC inputs and the host forms, so it must stay browser-safe (no node: imports).

export const HOST_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const LABEL_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,62}$/;
// Portable POSIX user names (as useradd accepts), at most 32 characters.
const POSIX_USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
const DNS_NAME_RE =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const FINGERPRINT_RE = /^SHA256:[A-Za-z0-9+/]{43}$/;

function isIPv6(text: string): boolean {
  if (!text.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** A DNS name, an IPv4 address or an IPv6 address (no brackets). All-numeric names must be valid IPv4. */
export function isHostAddress(text: string): boolean {
  if (IPV4_RE.test(text)) return true;
  if (/^[\d.]+$/.test(text)) return false;
  return DNS_NAME_RE.test(text) || isIPv6(text);
}

export const HostName = z
  .string()
  .regex(HOST_NAME_RE, 'letters, digits, ".", "_" or "-" (max 63), starting with a letter or digit');
export const HostAddress = z.string().trim().refine(isHostAddress, 'a hostname, IPv4 or IPv6 address');
export const Port = z.number().int().min(1).max(65535);
export const PosixUser = z.string().regex(POSIX_USER_RE, 'a POSIX user name');
export const Label = z.string().regex(LABEL_RE, 'letters, digits and . _ : / - (max 63)');
export const Fingerprint = z.string().regex(FINGERPRINT_RE, 'an OpenSSH SHA256 fingerprint (SHA256:…)');

/** One ProxyJump hop: `[user@]host[:port]`. */
const JUMP_HOP_RE =
  /^(?:([A-Za-z_][A-Za-z0-9_.-]{0,31})@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;
export const JumpHost = z
  .string()
  .trim()
  .refine(
    (text) =>
      text.split(',').every((hop) => {
        const m = JUMP_HOP_RE.exec(hop.trim());
        if (!m?.[2]) return false;
        const host = m[2].startsWith('[') ? m[2].slice(1, -1) : m[2];
        const port = m[3] === undefined ? 22 : Number(m[3]);
        return isHostAddress(host) && port >= 1 && port <= 65535;
      }),
    '[user@]host[:port], comma-separated for several hops',
  );
export const SshConfigAlias = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/, 'a Host alias from ~/.ssh/config');

const KeyPath = z
  .string()
  .max(4096, 'at most 4096 characters')
  .regex(
    /^(\/|~\/)[^\0]*$/,
    'the key path must be absolute on the server (/…, or ~/… for the server user), e.g. /root/.ssh/id_ed25519; a relative path would depend on where the server was started',
  );

/** Upper bound of an uploaded private key (an RSA-16384 key in OpenSSH format is about 12 KiB). */
export const MAX_PRIVATE_KEY_CHARS = 64 * 1024;

/**
 * Authentication as entered. A key is a file on the server (`keyPath`, which must lie in the
 * server's key directories) or uploaded (`privateKey`, OpenSSH or PEM text). Secrets (password,
 * passphrase, uploaded key) are write-only: on update an omitted one keeps the stored one, an
 * empty string removes it; but when the address, port, user, jump host or ssh config alias
 * changes, stored secrets are dropped unless given again (they belong to the host they were
 * given for).
 */
export const AuthInput = z.discriminatedUnion('method', [
  z.object({ method: z.literal('agent') }),
  z
    .object({
      method: z.literal('key'),
      keyPath: KeyPath.optional(),
      privateKey: z.string().max(MAX_PRIVATE_KEY_CHARS, 'at most 64 KiB').optional(),
      passphrase: z.string().max(1024).optional(),
    })
    .refine((a) => !(a.keyPath && a.privateKey), {
      message: 'give a key path or upload a key, not both',
      path: ['privateKey'],
    }),
  z.object({ method: z.literal('password'), password: z.string().max(1024).optional() }),
]);
export type AuthInput = z.infer<typeof AuthInput>;

export const HostInput = z.object({
  name: HostName,
  address: HostAddress,
  port: Port.default(22),
  user: PosixUser.default('root'),
  auth: AuthInput.default({ method: 'agent' }),
  useSudo: z.boolean().default(false),
  jumpHost: JumpHost.nullish(),
  sshConfigAlias: SshConfigAlias.nullish(),
  labels: z.array(Label).max(32).default([]),
});
export type HostInput = z.input<typeof HostInput>;
export type HostInputParsed = z.output<typeof HostInput>;

export const HostId = z.uuid();
export const HostIdInput = z.object({ id: HostId });
export const HostUpdateInput = HostInput.extend({ id: HostId });
export type HostUpdateInput = z.input<typeof HostUpdateInput>;

export const TrustHostKeyInput = z.object({
  id: HostId,
  fingerprint: Fingerprint,
  /** `host:port` from the HostKeyUnknownError/HostKeyChangedError (a jump host's key is trusted the same way). */
  endpoint: z.string().max(300).optional(),
});
export type TrustHostKeyInput = z.infer<typeof TrustHostKeyInput>;

/** What the API returns: secrets reduced to flags. */
export const HostView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  port: z.number(),
  user: z.string(),
  auth: z.object({
    method: z.enum(['agent', 'key', 'password']),
    keyPath: z.string().optional(),
    hasPassphrase: z.boolean(),
    hasPassword: z.boolean(),
    /** An uploaded key is stored (the key itself is never returned). */
    hasPrivateKey: z.boolean(),
  }),
  useSudo: z.boolean(),
  jumpHost: z.string().nullable(),
  sshConfigAlias: z.string().nullable(),
  labels: z.array(z.string()),
  hostKeys: z.array(
    z.object({ endpoint: z.string(), fingerprint: z.string(), keyType: z.string(), trustedAt: z.string() }),
  ),
  lastRefresh: z
    .object({
      status: z.enum(['ok', 'error']),
      latencyMs: z.number().nullable(),
      bytes: z.number().nullable(),
      error: z.string().nullable(),
      errorCode: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HostView = z.infer<typeof HostView>;
