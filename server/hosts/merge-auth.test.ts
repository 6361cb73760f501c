import { describe, expect, it } from 'vitest';
import { ed25519Pair } from '@/server/ssh/keys.test-helper';
import { HostInputError } from './errors';
import { changedConnection, mergeAuth } from './merge-auth';

const where = { address: '198.18.0.3', port: 22, user: 'ops', jumpHost: null, sshConfigAlias: null };
const { private: key, public: pub } = ed25519Pair();
const { private: encrypted } = ed25519Pair({
  passphrase: 'pp',
  cipher: 'aes256-ctr',
  rounds: 2,
});

const failure = (run: () => unknown): Error => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(HostInputError);
    return err as Error;
  }
  throw new Error('expected a HostInputError');
};

describe('changedConnection', () => {
  it('names each changed connection field, and nothing for a new host', () => {
    expect(changedConnection(where, undefined)).toEqual([]);
    expect(changedConnection(where, { ...where })).toEqual([]);
    expect(changedConnection({ ...where, address: '127.0.0.1', port: 2222 }, where)).toEqual([
      'address',
      'port',
    ]);
    expect(changedConnection({ ...where, user: 'root', jumpHost: 'b', sshConfigAlias: 'x' }, where)).toEqual([
      'user',
      'jump host',
      'ssh config alias',
    ]);
  });
});

describe('mergeAuth', () => {
  const storedPassword = { method: 'password' as const, password: 'old secret' };

  it('keeps a stored password when the connection is unchanged, clears it with ""', () => {
    expect(mergeAuth({ method: 'password' }, storedPassword, [])).toEqual(storedPassword);
    expect(failure(() => mergeAuth({ method: 'password', password: '' }, storedPassword, [])).message).toBe(
      'password authentication needs a password',
    );
  });

  it('drops a stored password when the connection changed, and asks for it again', () => {
    const err = failure(() => mergeAuth({ method: 'password' }, storedPassword, ['address', 'port']));
    expect(err.message).toMatch(/^the address, port changed: give the password again/);
    expect(err.message).not.toContain('old secret');
    expect(mergeAuth({ method: 'password', password: 'new' }, storedPassword, ['address'])).toEqual({
      method: 'password',
      password: 'new',
    });
  });

  it('drops a passphrase and an uploaded key when the connection changed', () => {
    const stored = { method: 'key' as const, privateKey: encrypted, passphrase: 'pp' };
    expect(mergeAuth({ method: 'key' }, stored, [])).toEqual(stored);
    expect(failure(() => mergeAuth({ method: 'key' }, stored, ['user'])).message).toMatch(
      /^the user changed: give the private key again/,
    );
    // Uploading it again without its passphrase: the passphrase was dropped too.
    expect(failure(() => mergeAuth({ method: 'key', privateKey: encrypted }, stored, ['user'])).message).toBe(
      'the uploaded private key is encrypted: give its passphrase',
    );
    expect(
      mergeAuth({ method: 'key', keyPath: '/root/.ssh/id_ed25519' }, { ...stored, keyPath: 'x' }, [
        'jump host',
      ]),
    ).toEqual({ method: 'key', keyPath: '/root/.ssh/id_ed25519' });
  });

  it('a key path replaces an uploaded key; an uploaded key must be a usable private key', () => {
    const stored = { method: 'key' as const, privateKey: key };
    expect(mergeAuth({ method: 'key', keyPath: '/k' }, stored, [])).toEqual({ method: 'key', keyPath: '/k' });
    expect(mergeAuth({ method: 'key', privateKey: key }, undefined, [])).toEqual({
      method: 'key',
      privateKey: key,
    });
    expect(failure(() => mergeAuth({ method: 'key', privateKey: pub }, undefined, [])).message).toBe(
      'the uploaded key is a public key: upload the private key',
    );
    expect(failure(() => mergeAuth({ method: 'key', privateKey: 'hello' }, undefined, [])).message).toBe(
      'the uploaded key is not a private key in OpenSSH or PEM format',
    );
    expect(
      failure(() => mergeAuth({ method: 'key', privateKey: encrypted, passphrase: 'no' }, undefined, []))
        .message,
    ).toBe('the uploaded private key is encrypted: the passphrase is wrong');
    expect(mergeAuth({ method: 'key', privateKey: encrypted, passphrase: 'pp' }, undefined, [])).toEqual({
      method: 'key',
      privateKey: encrypted,
      passphrase: 'pp',
    });
    expect(failure(() => mergeAuth({ method: 'key' }, undefined, [])).message).toBe(
      'key authentication needs a key path on the server or an uploaded private key',
    );
    expect(failure(() => mergeAuth({ method: 'key', privateKey: '' }, stored, [])).message).toMatch(
      /needs a key/,
    );
  });
});
