import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LabHost, labHostExec } from '@/scripts/lab/lab';
import { hostDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { HostService } from '@/server/hosts';
import { SshAuthError, SshPool, type SshTarget, toErrorData } from '@/server/ssh';
import type { Sql } from '@/server/storage';
import { openDatabase, SecretBox, SqlHostStore } from '@/server/storage';
import { LAB_KEY_DIRS, labHost } from './hosts';

// Password, ssh-agent and passphrase-key authentication against a real lab sshd. Key auth with
// unencrypted keys is covered by ssh.test.ts.

const run = promisify(execFile);
const tmp = mkdtempSync(join(tmpdir(), 'pb-auth-'));
/** An empty home: no ~/.ssh keys, so the agent (or nothing) is all the default method has. */
const home = join(tmp, 'home');
/** The lab's keys, and tmp for the re-encrypted copy below. */
const settings = { sshConfigText: null, home, readyTimeoutMs: 5_000, keyDirs: [...LAB_KEY_DIRS, tmp] };
const pool = new SshPool({ ...settings, agentSocket: undefined });
let host: LabHost;
let password: string;

beforeAll(() => {
  host = labHost('compute');
  const user = host.users.password;
  if (!user)
    throw new Error(
      'lab host compute predates the password user: npm run lab -- down compute && npm run lab -- up',
    );
  password = user.password;
});
afterAll(() => {
  pool.closeAll();
  rmSync(tmp, { recursive: true, force: true });
});

const asUser = (user: string, auth: SshTarget['auth'], id: string): SshTarget => ({
  ...labSshTarget(host, id),
  user,
  auth,
});

/** The rejection of `promise`, which must reject. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a failure, got success');
  return outcome;
}

/** Every text an error can surface through: message, API data, cause chain, stack. */
const surfaces = (err: Error) =>
  [err.message, JSON.stringify(toErrorData(err)), String(err.cause), err.stack ?? ''].join('\n');

describe('password authentication', () => {
  it('sshd allows passwords for the password user only; root stays key-only', async () => {
    const effective = async (user: string) => {
      const r = await labHostExec(host.name, [
        '/usr/sbin/sshd',
        '-T',
        '-f',
        join(hostDir(host.name), 'sshd_config'),
        '-C',
        `user=${user},host=client,addr=${host.address}`,
      ]);
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const pbpass = await effective(host.users.password?.user ?? '');
    expect(pbpass).toMatch(/^passwordauthentication yes$/m);
    expect(pbpass).toMatch(/^usepam no$/m);
    expect(await effective('root')).toMatch(/^passwordauthentication no$/m);
    expect(await effective('root')).toMatch(/^permitrootlogin without-password$/m);
    expect(await effective(host.users.sudo.user)).toMatch(/^passwordauthentication no$/m);
  });

  it('runs a command through the pool, also through sudo', async () => {
    const t = asUser('pbpass', { method: 'password', password }, 'pw');
    expect((await pool.exec(t, 'id -un')).stdout).toBe('pbpass\n');
    const sudo = { ...asUser('pbpass', { method: 'password', password }, 'pw-sudo'), useSudo: true };
    expect((await pool.exec(sudo, 'id -un; ovs-vsctl br-exists br-int && echo ok')).stdout).toBe(
      'root\nok\n',
    );
  });

  it('a wrong password is AUTH_FAILED and no error text carries a password', async () => {
    const wrong = `${password}-wrong`;
    const err = await failure(
      pool.exec(asUser('pbpass', { method: 'password', password: wrong }, 'pw-bad'), 'true'),
    );
    expect(err).toBeInstanceOf(SshAuthError);
    expect(toErrorData(err)).toEqual({
      code: 'AUTH_FAILED',
      message: `authentication as pbpass on ${host.address}:${host.port} failed (tried password, keyboard-interactive)`,
    });
    expect(surfaces(err)).not.toContain(password);
  });

  it('root cannot log in with a password, not even the lab one', async () => {
    const err = await failure(pool.exec(asUser('root', { method: 'password', password }, 'pw-root'), 'true'));
    expect(toErrorData(err).code).toBe('AUTH_FAILED');
  });

  it('a key the user has not authorised names the method that was refused', async () => {
    const t = asUser(
      host.users.sudoPassword.user,
      { method: 'key', keyPath: host.users.sudo.keyPath },
      'key-bad',
    );
    const err = await failure(pool.exec(t, 'true'));
    expect(err.message).toBe(
      `authentication as ${host.users.sudoPassword.user} on ${host.address}:${host.port} failed (tried key)`,
    );
  });
});

describe('ssh-agent authentication', () => {
  let agent: ChildProcess;
  const socket = join(tmp, 'agent.sock');
  const agentPool = new SshPool({ ...settings, agentSocket: socket });
  const viaAgent = (id: string) => asUser('root', { method: 'agent' }, id);

  beforeAll(async () => {
    agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 10));
    if (!existsSync(socket)) throw new Error('ssh-agent did not create its socket');
  });
  afterAll(() => {
    agentPool.closeAll();
    if (agent.pid) process.kill(agent.pid, 'SIGTERM');
  });

  it('an empty agent fails before connecting, and says the agent holds no keys', async () => {
    const err = await failure(agentPool.exec(viaAgent('agent-empty'), 'true'));
    expect(err).toBeInstanceOf(SshAuthError);
    expect(err.message).toBe(
      `no way to authenticate as root: the ssh-agent at ${socket} holds no keys (add one with ssh-add) and no usable unencrypted key in ${home}/.ssh/id_ed25519, ${home}/.ssh/id_ecdsa, ${home}/.ssh/id_rsa`,
    );
  });

  it('a stale SSH_AUTH_SOCK is an auth error naming the socket, not a host failure', async () => {
    const stale = join(tmp, 'stale.sock');
    const stalePool = new SshPool({ ...settings, agentSocket: stale });
    const err = await failure(stalePool.exec(viaAgent('agent-stale'), 'true'));
    stalePool.closeAll();
    expect(toErrorData(err).code).toBe('AUTH_FAILED');
    expect(err.message).toContain(`the ssh-agent at ${stale} cannot be reached`);
  });

  it('signs with the key added to the agent', async () => {
    await run('ssh-add', ['-q', host.rootKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
    const r = await agentPool.exec(viaAgent('agent-key'), 'id -un');
    expect(r.stdout).toBe('root\n');
  });
});

describe('key with a passphrase', () => {
  const phrase = 'lab passphrase 42';
  const keyPath = join(tmp, 'id_ed25519_pbuser_enc');

  beforeAll(async () => {
    // The same key as the lab's pbuser key (already authorised), re-encrypted with a passphrase.
    copyFileSync(host.users.sudo.keyPath, keyPath);
    await run('ssh-keygen', ['-q', '-p', '-P', '', '-N', phrase, '-f', keyPath]);
  });

  it('logs in with the right passphrase', async () => {
    const t = asUser(host.users.sudo.user, { method: 'key', keyPath, passphrase: phrase }, 'enc-ok');
    expect((await pool.exec(t, 'id -un')).stdout).toBe(`${host.users.sudo.user}\n`);
  });

  it('a wrong or missing passphrase is a clear AUTH_FAILED that does not echo it', async () => {
    const wrong = await failure(
      pool.exec(
        asUser(host.users.sudo.user, { method: 'key', keyPath, passphrase: 'not it' }, 'enc-bad'),
        'true',
      ),
    );
    expect(toErrorData(wrong)).toEqual({
      code: 'AUTH_FAILED',
      message: `key file ${keyPath} is encrypted: the passphrase is wrong`,
    });
    expect(surfaces(wrong)).not.toContain('not it');
    const missing = await failure(
      pool.exec(asUser(host.users.sudo.user, { method: 'key', keyPath }, 'enc-none'), 'true'),
    );
    expect(missing.message).toBe(`key file ${keyPath} is encrypted: give its passphrase`);
  });
});

describe('host service with password auth', () => {
  const dir = join(tmp, 'db');
  let db: Sql;
  let service: HostService;

  beforeAll(async () => {
    const dbPromise = openDatabase(dir);
    db = await dbPromise;
    service = new HostService(new SqlHostStore(dbPromise, SecretBox.openOrCreate(dir)), pool, {
      refreshTimeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refreshes through sudo, never returns the password, and reports a wrong one as AUTH_FAILED', async () => {
    const added = await service.add({
      name: 'compute-pw',
      address: host.address,
      port: host.port,
      user: 'pbpass',
      auth: { method: 'password', password },
      useSudo: true,
    });
    await service.trustHostKey({ id: added.id, fingerprint: host.hostKeyFingerprint });
    const ok = await service.refresh(added.id);
    expect(ok).toMatchObject({ ok: true });
    expect((await service.model(added.id))?.model.ovs?.bridges.map((b) => b.name)).toContain('br-int');
    const view = await service.get(added.id);
    expect(view.auth).toEqual({
      method: 'password',
      hasPassword: true,
      hasPassphrase: false,
      hasPrivateKey: false,
    });
    for (const returned of [added, view, await service.list(), ok, await service.test(added.id)])
      expect(JSON.stringify(returned)).not.toContain(password);

    const wrong = `${password}-old`;
    await service.update({ ...view, id: added.id, auth: { method: 'password', password: wrong } });
    const failed = await service.refresh(added.id);
    expect(failed).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    const after = await service.get(added.id);
    expect(after.lastRefresh).toMatchObject({ status: 'error', errorCode: 'AUTH_FAILED' });
    expect(JSON.stringify([failed, after])).not.toContain(password);
    await service.remove(added.id);
  });
});
