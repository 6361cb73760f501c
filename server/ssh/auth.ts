import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { SshAuthError } from './errors';
import type { SshAuth } from './types';

/** One step of ssh2's authHandler list. */
export type AuthAttempt =
  | { type: 'publickey'; username: string; key: Buffer; passphrase?: string }
  | { type: 'agent'; username: string; agent: string }
  | { type: 'password'; username: string; password: string }
  | {
      type: 'keyboard-interactive';
      username: string;
      prompt: (
        name: string,
        instructions: string,
        lang: string,
        prompts: unknown[],
        finish: (answers: string[]) => void,
      ) => void;
    };

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

async function readKey(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SshAuthError(`cannot read key file ${path}: ${(err as Error).message}`);
  }
}

/** Checks a key file up front so an encrypted key without passphrase fails with a clear message. */
async function keyAttempt(username: string, path: string, passphrase: string | undefined, required: boolean) {
  const key = await readKey(path);
  if (!key) {
    if (required) throw new SshAuthError(`key file ${path} does not exist`);
    return null;
  }
  const parsed = ssh2.utils.parseKey(key, passphrase);
  if (parsed instanceof Error) {
    if (!required) return null;
    const encrypted = /encrypted|passphrase/i.test(parsed.message);
    throw new SshAuthError(
      encrypted
        ? `key file ${path} is encrypted: ${passphrase ? 'the passphrase is wrong' : 'give its passphrase'}`
        : `key file ${path} is not a usable private key (${parsed.message})`,
    );
  }
  const attempt: AuthAttempt = { type: 'publickey', username, key };
  if (passphrase) attempt.passphrase = passphrase;
  return attempt;
}

const AGENT_TIMEOUT_MS = 5_000;

/**
 * Asks the agent for its keys before offering it: ssh2 treats an empty or dead agent as just one
 * more failed method, which ends in a bare "authentication failed" (or, for a stale
 * SSH_AUTH_SOCK, a connect error that blames the host).
 */
function agentProblem(socket: string): Promise<string | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(`the ssh-agent at ${socket} did not answer`), AGENT_TIMEOUT_MS);
    new ssh2.OpenSSHAgent(socket).getIdentities((err, keys) => {
      clearTimeout(timer);
      if (err)
        resolve(`the ssh-agent at ${socket} cannot be reached (${err.message}; is SSH_AUTH_SOCK stale?)`);
      else if (!keys?.length) resolve(`the ssh-agent at ${socket} holds no keys (add one with ssh-add)`);
      else resolve(null);
    });
  });
}

export interface AuthContext {
  username: string;
  /** IdentityFile entries from ~/.ssh/config for this hop. */
  identityFiles: string[];
  home: string;
  agentSocket: string | undefined;
}

/**
 * The ordered list of attempts for one hop. An explicit key or password is used alone; the
 * default ('agent') mirrors OpenSSH: agent, then IdentityFile keys, then the default key names.
 */
export async function buildAuthAttempts(auth: SshAuth | undefined, ctx: AuthContext): Promise<AuthAttempt[]> {
  const { username } = ctx;
  if (auth?.method === 'key') {
    const attempt = await keyAttempt(username, auth.keyPath, auth.passphrase, true);
    return attempt ? [attempt] : [];
  }
  if (auth?.method === 'password') {
    const { password } = auth;
    return [
      { type: 'password', username, password },
      {
        type: 'keyboard-interactive',
        username,
        prompt: (_n, _i, _l, prompts, finish) => finish(prompts.map(() => password)),
      },
    ];
  }
  const attempts: AuthAttempt[] = [];
  const agent = ctx.agentSocket ? await agentProblem(ctx.agentSocket) : 'SSH_AUTH_SOCK is not set';
  if (ctx.agentSocket && agent === null) attempts.push({ type: 'agent', username, agent: ctx.agentSocket });
  const files =
    ctx.identityFiles.length > 0 ? ctx.identityFiles : DEFAULT_KEYS.map((k) => `${ctx.home}/.ssh/${k}`);
  for (const file of files) {
    const attempt = await keyAttempt(username, file, undefined, false);
    if (attempt) attempts.push(attempt);
  }
  if (attempts.length === 0) {
    throw new SshAuthError(
      `no way to authenticate as ${username}: ${agent} and no usable unencrypted key in ${files.join(', ')}`,
    );
  }
  return attempts;
}
