import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AuthContext, buildAuthAttempts } from './auth';
import { SshAuthError } from './errors';
import { ed25519Pair } from './keys.test-helper';

const home = mkdtempSync(join(tmpdir(), 'pb-auth-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const ctx = (over: Partial<AuthContext> = {}): AuthContext => ({
  username: 'ops',
  identityFiles: [],
  home,
  agentSocket: undefined,
  keyDirs: [home],
  ...over,
});

describe('buildAuthAttempts', () => {
  it('tries password, then keyboard-interactive answering every prompt with it', async () => {
    const attempts = await buildAuthAttempts({ method: 'password', password: 's3cret' }, ctx());
    expect(attempts.map((a) => a.type)).toEqual(['password', 'keyboard-interactive']);
    const ki = attempts[1];
    if (ki?.type !== 'keyboard-interactive') throw new Error('expected keyboard-interactive');
    let answers: string[] = [];
    ki.prompt('', '', '', [{}, {}], (a) => {
      answers = a;
    });
    expect(answers).toEqual(['s3cret', 's3cret']);
  });

  it('says why an encrypted key cannot be used, without echoing the passphrase', async () => {
    const { private: pem } = ed25519Pair({
      passphrase: 'right phrase',
      cipher: 'aes256-ctr',
      rounds: 2,
    });
    const keyPath = join(home, 'enc_key');
    writeFileSync(keyPath, pem, { mode: 0o600 });
    const wrong = await buildAuthAttempts(
      { method: 'key', keyPath, passphrase: 'wrong phrase' },
      ctx(),
    ).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SshAuthError);
    expect((wrong as Error).message).toBe(`key file ${keyPath} is encrypted: the passphrase is wrong`);
    await expect(buildAuthAttempts({ method: 'key', keyPath }, ctx())).rejects.toThrow(/give its passphrase/);
    const ok = await buildAuthAttempts({ method: 'key', keyPath, passphrase: 'right phrase' }, ctx());
    expect(ok).toMatchObject([{ type: 'publickey', username: 'ops', passphrase: 'right phrase' }]);
  });

  it('uses an uploaded key as is, and says so when it is encrypted', async () => {
    const { private: pem } = ed25519Pair({
      passphrase: 'up phrase',
      cipher: 'aes256-ctr',
      rounds: 2,
    });
    // No key file anywhere and no key dirs: the uploaded text is all it needs.
    const uploaded = { method: 'key' as const, privateKey: pem };
    await expect(buildAuthAttempts(uploaded, ctx({ keyDirs: [] }))).rejects.toThrow(
      'the uploaded private key is encrypted: give its passphrase',
    );
    const ok = await buildAuthAttempts({ ...uploaded, passphrase: 'up phrase' }, ctx({ keyDirs: [] }));
    expect(ok).toMatchObject([{ type: 'publickey', username: 'ops', key: Buffer.from(pem) }]);
  });

  it('refuses a public key given as the private key', async () => {
    const { public: pub } = ed25519Pair();
    const keyPath = join(home, 'only_public');
    writeFileSync(keyPath, pub);
    await expect(buildAuthAttempts({ method: 'key', keyPath }, ctx())).rejects.toThrow(
      `key file ${keyPath} is not a usable private key (it holds no private key)`,
    );
  });

  it('names the missing agent and the key files it looked for', async () => {
    await expect(buildAuthAttempts({ method: 'agent' }, ctx())).rejects.toThrow(
      `no way to authenticate as ops: SSH_AUTH_SOCK is not set and no usable unencrypted key in ${home}/.ssh/id_ed25519`,
    );
    const stale = join(home, 'gone.sock');
    await expect(buildAuthAttempts(undefined, ctx({ agentSocket: stale }))).rejects.toThrow(
      `the ssh-agent at ${stale} cannot be reached`,
    );
  });

  it('skips an unreachable agent when a default key works, as OpenSSH does', async () => {
    const { private: pem } = ed25519Pair();
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'id_ed25519'), pem, { mode: 0o600 });
    const attempts = await buildAuthAttempts(undefined, ctx({ agentSocket: join(home, 'gone.sock') }));
    expect(attempts.map((a) => a.type)).toEqual(['publickey']);
    rmSync(join(home, '.ssh'), { recursive: true });
  });
});
