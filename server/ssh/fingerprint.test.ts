import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { algorithmsForKeyType, keyTypeOf, sha256Fingerprint } from './fingerprint';

// The public host key of a throwaway ed25519 key; `ssh-keygen -lf` prints this fingerprint for it.
const PUB = 'AAAAC3NzaC1lZDI1NTE5AAAAIIUeHkyHWd8M0QUvHaXuG7oLByKSCmU+RqqOYAtthHi3';
const blob = Buffer.from(PUB, 'base64');

describe('sha256Fingerprint', () => {
  it('formats like OpenSSH: SHA256 prefix, base64 without padding', () => {
    const fp = sha256Fingerprint(blob);
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fp).toBe(`SHA256:${createHash('sha256').update(blob).digest('base64').slice(0, 43)}`);
  });
  it('differs for different keys', () => {
    expect(sha256Fingerprint(Buffer.from('x'))).not.toBe(sha256Fingerprint(blob));
  });
});

describe('keyTypeOf', () => {
  it('reads the key type string from the blob', () => {
    expect(keyTypeOf(blob)).toBe('ssh-ed25519');
  });
  it('returns unknown for garbage', () => {
    expect(keyTypeOf(Buffer.from([0, 0, 1, 0, 65]))).toBe('unknown');
    expect(keyTypeOf(Buffer.alloc(2))).toBe('unknown');
  });
});

describe('algorithmsForKeyType', () => {
  it('maps RSA keys to the SHA-2 signature algorithms first', () => {
    expect(algorithmsForKeyType('ssh-rsa')).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(algorithmsForKeyType('ssh-ed25519')).toEqual(['ssh-ed25519']);
  });
});
