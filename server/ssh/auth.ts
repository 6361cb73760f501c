import ssh2, { type ParsedKey } from 'ssh2';
import { SshAuthError } from './errors';
import { type KeyDirs, readKeyFile } from './key-file';
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

/** Parses a key up front so an encrypted key without passphrase fails with a clear message. */
function keyAttempt(
  username: string,
  key: Buffer,
  passphrase: string | undefined,
  what: string,
): AuthAttempt {
  const parsed = ssh2.utils.parseKey(key, passphrase);
  if (parsed instanceof Error) {
    const encrypted = /encrypted|passphrase/i.test(parsed.message);
    throw new SshAuthError(
      encrypted
        ? `${what} is encrypted: ${passphrase ? 'the passphrase is wrong' : 'give its passphrase'}`
        : `${what} is not a usable private key (${parsed.message})`,
    );
  }
  // An OpenSSH file may hold several keys (ssh2 then returns a list); ssh2 signs with the first.
  const first = Array.isArray(parsed) ? (parsed[0] as unknown) : parsed;
  if (!(first as ParsedKey | undefined)?.isPrivateKey()) {
    throw new SshAuthError(`${what} is not a usable private key (it holds no private key)`);
  }
  const attempt: AuthAttempt = { type: 'publickey', username, key };
  if (passphrase) attempt.passphrase = passphrase;
  return attempt;
}

/** An IdentityFile or default key, used when it is there and unencrypted, skipped otherwise (as OpenSSH does). */
async function optionalKeyAttempt(username: string, path: string): Promise<AuthAttempt | null> {
  // The operator's own ssh config names these files, so they are not confined to the key dirs,
  // but they are read the same careful way (no FIFO, no device, no huge file).
  const key = await readKeyFile(path, null).catch(() => null);
  if (!key) return null;
  try {
    return keyAttempt(username, key, undefined, path);
  } catch {
    return null;
  }
}

/** The explicit key of a host: uploaded text, or a file inside the key dirs. */
async function explicitKeyAttempt(
  auth: Extract<SshAuth, { method: 'key' }>,
  ctx: AuthContext,
): Promise<AuthAttempt> {
  if (auth.privateKey) {
    return keyAttempt(
      ctx.username,
      Buffer.from(auth.privateKey),
      auth.passphrase,
      'the uploaded private key',
    );
  }
  if (!auth.keyPath) throw new SshAuthError('key authentication needs a key file or an uploaded key');
  const key = await readKeyFile(auth.keyPath, ctx.keyDirs);
  return keyAttempt(ctx.username, key, auth.passphrase, `key file ${auth.keyPath}`);
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
  /** Where an explicit key file may live (null: anywhere, for the operator's CLI). */
  keyDirs: KeyDirs;
}

/**
 * The ordered list of attempts for one hop. An explicit key or password is used alone; the
 * default ('agent') mirrors OpenSSH: agent, then IdentityFile keys, then the default key names.
 */
export async function buildAuthAttempts(auth: SshAuth | undefined, ctx: AuthContext): Promise<AuthAttempt[]> {
  const { username } = ctx;
  if (auth?.method === 'key') return [await explicitKeyAttempt(auth, ctx)];
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
    const attempt = await optionalKeyAttempt(username, file);
    if (attempt) attempts.push(attempt);
  }
  if (attempts.length === 0) {
    throw new SshAuthError(
      `no way to authenticate as ${username}: ${agent} and no usable unencrypted key in ${files.join(', ')}`,
    );
  }
  return attempts;
}
