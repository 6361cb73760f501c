import ssh2, { type ParsedKey } from 'ssh2';
import type { HostFields, StoredAuth } from '@/server/storage';
import { HostInputError } from './errors';
import type { AuthInput } from './schema';

/** The fields that say which machine the stored credentials are sent to. */
export type ConnectionFields = Pick<HostFields, 'address' | 'port' | 'user' | 'jumpHost' | 'sshConfigAlias'>;

const CONNECTION_FIELDS = {
  address: 'address',
  port: 'port',
  user: 'user',
  jumpHost: 'jump host',
  sshConfigAlias: 'ssh config alias',
} satisfies Record<keyof ConnectionFields, string>;

/** Names (for messages) of the connection fields an update changes; empty for a new host. */
export function changedConnection(next: ConnectionFields, existing: ConnectionFields | undefined): string[] {
  if (!existing) return [];
  return (Object.keys(CONNECTION_FIELDS) as (keyof ConnectionFields)[])
    .filter((k) => next[k] !== existing[k])
    .map((k) => CONNECTION_FIELDS[k]);
}

/** ssh2 must be able to use an uploaded key; its text never appears in a message. */
function checkUploadedKey(privateKey: string, passphrase: string | undefined): void {
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    if (/encrypted|passphrase/i.test(parsed.message)) {
      throw new HostInputError(
        `the uploaded private key is encrypted: ${passphrase ? 'the passphrase is wrong' : 'give its passphrase'}`,
      );
    }
    throw new HostInputError('the uploaded key is not a private key in OpenSSH or PEM format');
  }
  const first = (Array.isArray(parsed) ? parsed[0] : parsed) as ParsedKey | undefined;
  if (!first?.isPrivateKey()) {
    throw new HostInputError('the uploaded key is a public key: upload the private key');
  }
}

/**
 * The auth to store, from the input and what is stored. Secrets are write-only: undefined keeps
 * the stored value, '' clears it. When a connection field changed, stored secrets are dropped:
 * otherwise an update pointing the host at another machine would hand it the password (or a
 * login with the key) given for this one.
 */
export function mergeAuth(input: AuthInput, existing: StoredAuth | undefined, changed: string[]): StoredAuth {
  const moved = changed.length > 0;
  const keep = (given: string | undefined, stored: string | undefined) =>
    given === undefined ? (moved ? undefined : stored) : given === '' ? undefined : given;
  const again = (what: string) =>
    new HostInputError(
      `the ${changed.join(', ')} changed: give the ${what} again (stored secrets are only used for the host they were given for)`,
    );
  if (input.method === 'key') {
    const stored = existing?.method === 'key' ? existing : undefined;
    const passphrase = keep(input.passphrase, stored?.passphrase);
    const keyPath = input.keyPath || undefined;
    // A key path replaces an uploaded key; otherwise the uploaded key follows the secret rules.
    const privateKey = keyPath ? undefined : keep(input.privateKey, stored?.privateKey);
    if (!keyPath && !privateKey) {
      if (moved && stored?.privateKey && input.privateKey === undefined) throw again('private key');
      throw new HostInputError(
        'key authentication needs a key path on the server or an uploaded private key',
      );
    }
    if (privateKey) checkUploadedKey(privateKey, passphrase);
    return {
      method: 'key',
      ...(keyPath ? { keyPath } : {}),
      ...(privateKey ? { privateKey } : {}),
      ...(passphrase ? { passphrase } : {}),
    };
  }
  if (input.method === 'password') {
    const stored = existing?.method === 'password' ? existing.password : undefined;
    const password = keep(input.password, stored);
    if (!password) {
      if (moved && stored && input.password === undefined) throw again('password');
      throw new HostInputError('password authentication needs a password');
    }
    return { method: 'password', password };
  }
  return { method: 'agent' };
}
