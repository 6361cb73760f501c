import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { HostKeyChangedError, HostKeyRevokedError, HostKeyUnknownError } from './errors';
import { algorithmsForKeyType, keyTypeOf, sha256Fingerprint } from './fingerprint';
import { formatKnownHostsLine, lookupKnownHost, parseKnownHosts } from './known-hosts';

/** A host key as presented by a server during the handshake. */
export interface PresentedHostKey {
  /** Display name of the target (host record name or what the operator typed). */
  host: string;
  address: string;
  port: number;
  blob: Buffer;
}

/**
 * Decides whether a presented host key is acceptable. `verify` throws a typed error to refuse;
 * there is deliberately no "accept anything" policy.
 */
export interface HostKeyPolicy {
  /** Host key algorithms to offer (known types only, so a second key type never looks like a change). */
  algorithms(address: string, port: number): Promise<string[] | undefined>;
  verify(key: PresentedHostKey): Promise<void>;
}

export interface PinnedHostKey {
  endpoint: string;
  fingerprint: string;
  keyType: string;
}

export const endpointOf = (address: string, port: number): string =>
  address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;

/** Keys pinned in the database: unknown → HostKeyUnknownError (explicit trust needed), mismatch → HostKeyChangedError. */
export function pinnedKeyPolicy(pins: PinnedHostKey[]): HostKeyPolicy {
  return {
    async algorithms(address, port) {
      const endpoint = endpointOf(address, port);
      const types = pins.filter((p) => p.endpoint === endpoint).map((p) => p.keyType);
      return types.length > 0 ? types.flatMap(algorithmsForKeyType) : undefined;
    },
    async verify({ host, address, port, blob }) {
      const endpoint = endpointOf(address, port);
      const fingerprint = sha256Fingerprint(blob);
      const keyType = keyTypeOf(blob);
      const pinned = pins.filter((p) => p.endpoint === endpoint);
      if (pinned.some((p) => p.fingerprint === fingerprint)) return;
      if (pinned.length === 0) throw new HostKeyUnknownError(host, endpoint, fingerprint, keyType);
      throw new HostKeyChangedError(
        host,
        endpoint,
        pinned.map((p) => p.fingerprint),
        fingerprint,
        keyType,
        'if the host was reinstalled or its key rotated on purpose, verify the new fingerprint out of band and trust it again; otherwise someone may be intercepting the connection',
      );
    },
  };
}

/**
 * OpenSSH known_hosts (plain and hashed entries, @revoked). With `acceptNew`, an unknown key
 * is appended to the file (like StrictHostKeyChecking=accept-new); a changed key is always refused.
 */
export function knownHostsPolicy(file: string, opts: { acceptNew: boolean }): HostKeyPolicy {
  const load = async () => {
    try {
      return parseKnownHosts(await readFile(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  };
  return {
    async algorithms(address, port) {
      const { keys } = lookupKnownHost(await load(), address, port);
      return keys.length > 0
        ? [...new Set(keys.map((k) => k.keyType))].flatMap(algorithmsForKeyType)
        : undefined;
    },
    async verify({ host, address, port, blob }) {
      const endpoint = endpointOf(address, port);
      const fingerprint = sha256Fingerprint(blob);
      const keyType = keyTypeOf(blob);
      const { keys, revoked } = lookupKnownHost(await load(), address, port);
      if (revoked.includes(fingerprint)) throw new HostKeyRevokedError(endpoint, fingerprint);
      if (keys.some((k) => k.fingerprint === fingerprint)) return;
      if (keys.length > 0) {
        throw new HostKeyChangedError(
          host,
          endpoint,
          keys.map((k) => k.fingerprint),
          fingerprint,
          keyType,
          `if the change is expected, verify the new fingerprint and remove the old entry with: ssh-keygen -f ${file} -R '${port === 22 ? address : `[${address}]:${port}`}'`,
        );
      }
      if (!opts.acceptNew) {
        throw new HostKeyUnknownError(
          host,
          endpoint,
          fingerprint,
          keyType,
          `verify this fingerprint with the host's administrator, then rerun with --accept-new-host-key to add it to ${file}`,
        );
      }
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await appendFile(file, formatKnownHostsLine(address, port, blob), { mode: 0o600 });
    },
  };
}
