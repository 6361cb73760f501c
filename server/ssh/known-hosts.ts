import { createHmac } from 'node:crypto';
import { keyTypeOf, sha256Fingerprint } from './fingerprint';

/** One parsed line of an OpenSSH known_hosts file. */
export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | null;
  patterns: string[];
  keyType: string;
  fingerprint: string;
}

/** Parse known_hosts text; malformed lines are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) continue;
    const blob = Buffer.from(b64, 'base64');
    if (keyTypeOf(blob) !== keyType) continue;
    entries.push({ marker, patterns: hosts.split(','), keyType, fingerprint: sha256Fingerprint(blob) });
  }
  return entries;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  return globToRegExp(pattern).test(name);
}

/** True when the pattern list names this host (a matching `!pattern` vetoes the line). */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  let matched = false;
  for (const pattern of entry.patterns) {
    if (pattern.startsWith('!')) {
      if (patternMatches(pattern.slice(1), name)) return false;
    } else if (patternMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

export interface KnownHostKeys {
  /** Plain (non-CA) keys pinned for this host. */
  keys: { keyType: string; fingerprint: string }[];
  /** Fingerprints marked @revoked that match this host. */
  revoked: string[];
}

export function lookupKnownHost(entries: KnownHostEntry[], host: string, port: number): KnownHostKeys {
  const name = knownHostsName(host, port);
  const result: KnownHostKeys = { keys: [], revoked: [] };
  for (const entry of entries) {
    if (entry.marker === 'cert-authority' || !entryMatches(entry, name)) continue;
    if (entry.marker === 'revoked') result.revoked.push(entry.fingerprint);
    else result.keys.push({ keyType: entry.keyType, fingerprint: entry.fingerprint });
  }
  return result;
}

/** A known_hosts line for a newly accepted key. */
export function formatKnownHostsLine(host: string, port: number, keyBlob: Buffer): string {
  return `${knownHostsName(host, port)} ${keyTypeOf(keyBlob)} ${keyBlob.toString('base64')}\n`;
}
