import { describe, expect, it } from 'vitest';
import { HostInput, isHostAddress, JumpHost, TrustHostKeyInput } from './schema';

describe('isHostAddress', () => {
  it.each(['198.18.0.2', 'aio', 'aio.lab.example', '2001:db8::1', '::1', 'fe80::1'])('accepts %s', (a) =>
    expect(isHostAddress(a)).toBe(true),
  );
  it.each(['', '999.1.1.1', '1.2.3', '-bad', 'a b', 'host;reboot', '[::1]', 'x'.repeat(64), 'g::1'])(
    'rejects %j',
    (a) => expect(isHostAddress(a)).toBe(false),
  );
});

describe('HostInput', () => {
  it('fills defaults', () => {
    expect(HostInput.parse({ name: 'aio', address: '198.18.0.3' })).toEqual({
      name: 'aio',
      address: '198.18.0.3',
      port: 22,
      user: 'root',
      auth: { method: 'agent' },
      useSudo: false,
      labels: [],
    });
  });
  it.each([
    { name: '-x' },
    { name: 'a/b' },
    { name: 'x'.repeat(64) },
    { port: 0 },
    { port: 65536 },
    { user: 'root;id' },
    { user: '-r' },
    { labels: ['ok', 'bad label'] },
    { auth: { method: 'key', keyPath: 'relative/key' } },
    { auth: { method: 'key', keyPath: `/${'k'.repeat(4096)}` } },
    { auth: { method: 'key', privateKey: 'k'.repeat(64 * 1024 + 1) } },
    { auth: { method: 'key', keyPath: '/root/.ssh/id_ed25519', privateKey: 'both' } },
    { auth: { method: 'telepathy' } },
    { jumpHost: 'a@b:99999' },
    { jumpHost: 'b;id' },
  ])('rejects %j', (patch) => {
    expect(HostInput.safeParse({ name: 'aio', address: '198.18.0.3', ...patch }).success).toBe(false);
  });
});

describe('AuthInput (key)', () => {
  it('takes a key path or an uploaded key', () => {
    const parse = (auth: unknown) => HostInput.parse({ name: 'aio', address: '198.18.0.3', auth }).auth;
    expect(parse({ method: 'key', keyPath: '~/.ssh/id_ed25519' })).toEqual({
      method: 'key',
      keyPath: '~/.ssh/id_ed25519',
    });
    expect(parse({ method: 'key', privateKey: 'TEXT', passphrase: 'p' })).toEqual({
      method: 'key',
      privateKey: 'TEXT',
      passphrase: 'p',
    });
  });
});

describe('JumpHost', () => {
  it('accepts hop chains', () => {
    expect(JumpHost.safeParse('jump@198.18.0.1:2222,bastion').success).toBe(true);
    expect(JumpHost.safeParse('[2001:db8::1]:22').success).toBe(true);
  });
});

describe('TrustHostKeyInput', () => {
  it('needs an OpenSSH SHA256 fingerprint', () => {
    const id = '7d3f5a8e-1f7b-4c1e-9a55-3b8f0c1d2e3f';
    expect(TrustHostKeyInput.safeParse({ id, fingerprint: `SHA256:${'A'.repeat(43)}` }).success).toBe(true);
    expect(TrustHostKeyInput.safeParse({ id, fingerprint: 'MD5:aa:bb' }).success).toBe(false);
  });
});
