import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Fingerprint } from './fingerprint';
import { formatKnownHostsLine, knownHostsName, lookupKnownHost, parseKnownHosts } from './known-hosts';

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIIUeHkyHWd8M0QUvHaXuG7oLByKSCmU+RqqOYAtthHi3';
const ED2 = 'AAAAC3NzaC1lZDI1NTE5AAAAIEaZ0ZvKd1e5cP2zqkAfl0d8kwuO6xUJ8Ux5bWm3c3mN';
const fp = (b64: string) => sha256Fingerprint(Buffer.from(b64, 'base64'));

function hashed(name: string): string {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('parseKnownHosts + lookupKnownHost', () => {
  const text = [
    '# comment',
    '',
    `alpha,10.0.0.1 ssh-ed25519 ${ED} root@alpha`,
    `[beta]:2222 ssh-ed25519 ${ED2}`,
    `${hashed('gamma')} ssh-ed25519 ${ED}`,
    `*.lab,!bad.lab ssh-ed25519 ${ED2}`,
    `@revoked delta ssh-ed25519 ${ED}`,
    `@cert-authority * ssh-ed25519 ${ED2}`,
    'broken line',
    `omega ssh-rsa ${ED}`, // type mismatch with the blob: skipped
  ].join('\n');
  const entries = parseKnownHosts(text);

  it('skips comments, malformed lines and type mismatches', () => {
    expect(entries).toHaveLength(6);
  });
  it('matches plain names and addresses on port 22', () => {
    expect(lookupKnownHost(entries, 'alpha', 22).keys).toEqual([
      { keyType: 'ssh-ed25519', fingerprint: fp(ED) },
    ]);
    expect(lookupKnownHost(entries, '10.0.0.1', 22).keys).toHaveLength(1);
    expect(lookupKnownHost(entries, 'alpha', 2222).keys).toHaveLength(0);
  });
  it('uses [host]:port for other ports', () => {
    expect(knownHostsName('beta', 2222)).toBe('[beta]:2222');
    expect(lookupKnownHost(entries, 'beta', 2222).keys[0]?.fingerprint).toBe(fp(ED2));
    expect(lookupKnownHost(entries, 'beta', 22).keys).toHaveLength(0);
  });
  it('matches hashed entries', () => {
    expect(lookupKnownHost(entries, 'gamma', 22).keys[0]?.fingerprint).toBe(fp(ED));
    expect(lookupKnownHost(entries, 'gamm', 22).keys).toHaveLength(0);
  });
  it('honours wildcards and negation', () => {
    expect(lookupKnownHost(entries, 'x.lab', 22).keys).toHaveLength(1);
    expect(lookupKnownHost(entries, 'bad.lab', 22).keys).toHaveLength(0);
  });
  it('reports @revoked keys and ignores @cert-authority lines', () => {
    const delta = lookupKnownHost(entries, 'delta', 22);
    expect(delta.revoked).toEqual([fp(ED)]);
    expect(delta.keys).toHaveLength(0);
  });
  it('formats lines that parse back', () => {
    const line = formatKnownHostsLine('epsilon', 2200, Buffer.from(ED, 'base64'));
    expect(line).toBe(`[epsilon]:2200 ssh-ed25519 ${ED}\n`);
    expect(lookupKnownHost(parseKnownHosts(line), 'epsilon', 2200).keys).toHaveLength(1);
  });
});
