import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ClientChannel } from 'ssh2';
import { type Connection, type ConnectSettings, connect } from './connect';
import {
  SshAbortedError,
  SshConnectError,
  SshError,
  SshTimeoutError,
  SudoPasswordRequiredError,
} from './errors';
import { isSudoPasswordPrompt, wrapCommand } from './quote';
import type { ExecOptions, ExecResult, HostKeySeen, SshTarget } from './types';

export interface PoolSettings extends ConnectSettings {
  /** Concurrent channels per connection; more wait in a queue (OpenSSH's MaxSessions default is 10). */
  maxChannels: number;
  /** Default per-command deadline. */
  execTimeoutMs: number;
}

/** Reads ~/.ssh/config (or PATCHBAY_SSH_CONFIG) once per pool; a missing file means no config. */
export function defaultPoolSettings(overrides: Partial<PoolSettings> = {}): PoolSettings {
  const home = homedir();
  const configPath = process.env.PATCHBAY_SSH_CONFIG ?? join(home, '.ssh', 'config');
  let sshConfigText: string | null = null;
  try {
    // Read at run time from the operator's home: not part of the build's file trace.
    sshConfigText = readFileSync(/*turbopackIgnore: true*/ configPath, 'utf8');
  } catch {
    sshConfigText = null;
  }
  return {
    readyTimeoutMs: 10_000,
    keepaliveIntervalMs: 15_000,
    keepaliveCountMax: 3,
    maxChannels: 8,
    execTimeoutMs: 60_000,
    sshConfigText,
    home,
    localUser: userInfo().username,
    agentSocket: process.env.SSH_AUTH_SOCK || undefined,
    ...overrides,
  };
}

interface Entry {
  signature: string;
  connection: Promise<Connection>;
  active: number;
  waiting: (() => void)[];
  dead: boolean;
}

/** Connection-relevant fields of a target; a change means the pooled session is stale. */
function signatureOf(target: SshTarget): string {
  const { id, name, hostKeys, auth, ...rest } = target;
  return createHash('sha256').update(JSON.stringify({ rest, auth })).digest('hex');
}

function deadline(opts: ExecOptions, fallbackMs: number, what: string) {
  const controller = new AbortController();
  const ms = opts.timeoutMs ?? fallbackMs;
  const timer = setTimeout(
    () => controller.abort(new SshTimeoutError(`${what} timed out after ${ms} ms`)),
    ms,
  );
  const onAbort = () => controller.abort(new SshAbortedError(`${what} was cancelled`));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    },
  };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** ssh2 errors meaning the session is gone (as opposed to a refused channel on a live session). */
const isDeadSession = (err: Error) =>
  /Not connected|No response from server|socket|ECONNRESET/i.test(err.message);

/**
 * One pooled SSH session per host id, shared by all callers; channels per session are bounded,
 * and a session that drops (keepalive timeout, sshd restart) is replaced on the next exec.
 */
export class SshPool {
  readonly settings: PoolSettings;
  private readonly entries = new Map<string, Entry>();

  constructor(settings: Partial<PoolSettings> = {}) {
    this.settings = defaultPoolSettings(settings);
  }

  private entryFor(target: SshTarget): Entry {
    const signature = signatureOf(target);
    const existing = this.entries.get(target.id);
    if (existing && !existing.dead && existing.signature === signature) return existing;
    if (existing) this.drop(target.id, existing);
    const entry: Entry = {
      signature,
      connection: connect(target, this.settings),
      active: 0,
      waiting: [],
      dead: false,
    };
    this.entries.set(target.id, entry);
    entry.connection.then(
      (conn) => {
        const gone = () => this.drop(target.id, entry);
        conn.client.on('close', gone);
        conn.client.on('end', gone);
        conn.client.on('error', gone);
      },
      () => this.drop(target.id, entry),
    );
    return entry;
  }

  private drop(id: string, entry: Entry) {
    entry.dead = true;
    if (this.entries.get(id) === entry) this.entries.delete(id);
    entry.connection.then(
      (c) => c.close(),
      () => undefined,
    );
  }

  private async acquire(entry: Entry, signal: AbortSignal): Promise<void> {
    if (entry.active < this.settings.maxChannels) {
      entry.active++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        entry.waiting.splice(entry.waiting.indexOf(grant), 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.waiting.push(grant);
    });
  }

  private release(entry: Entry) {
    const next = entry.waiting.shift();
    if (next) next();
    else entry.active--;
  }

  /** The host key and resolved endpoint of the (pooled) session, connecting if needed. */
  async session(
    target: SshTarget,
    opts: ExecOptions = {},
  ): Promise<{ hostKey: HostKeySeen; connectMs: number }> {
    const d = deadline(opts, this.settings.readyTimeoutMs + 1_000, `connecting to ${target.name}`);
    try {
      const conn = await raceAbort(this.entryFor(target).connection, d.signal);
      return { hostKey: conn.hostKey, connectMs: conn.connectMs };
    } finally {
      d.dispose();
    }
  }

  /** A fresh, unpooled session: proves the host is reachable now and shows its key, then closes. */
  async probe(
    target: SshTarget,
    opts: ExecOptions = {},
  ): Promise<{ hostKey: HostKeySeen; connectMs: number }> {
    const d = deadline(opts, this.settings.readyTimeoutMs + 1_000, `connecting to ${target.name}`);
    const pending = connect(target, this.settings);
    try {
      const conn = await raceAbort(pending, d.signal);
      return { hostKey: conn.hostKey, connectMs: conn.connectMs };
    } finally {
      d.dispose();
      pending.then(
        (c) => c.close(),
        () => undefined,
      );
    }
  }

  /** Run one command; non-root users with `useSudo` run it via `sudo -n sh -c`. */
  async exec(target: SshTarget, command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const d = deadline(opts, this.settings.execTimeoutMs, `command on ${target.name}`);
    try {
      try {
        return await this.execOnce(target, command, opts, d.signal);
      } catch (err) {
        // A session that died while idle in the pool is noticed only now: reconnect once.
        if (err instanceof StaleSessionError && !d.signal.aborted) {
          return await this.execOnce(target, command, opts, d.signal);
        }
        throw err;
      }
    } finally {
      d.dispose();
    }
  }

  private async execOnce(target: SshTarget, command: string, opts: ExecOptions, signal: AbortSignal) {
    const entry = this.entryFor(target);
    const conn = await raceAbort(entry.connection, signal);
    await this.acquire(entry, signal);
    try {
      const wrapped = wrapCommand(command, { user: conn.endpoint.user, useSudo: target.useSudo ?? false });
      const result = await runChannel(conn, wrapped, opts.stdin, signal, () => this.drop(target.id, entry));
      if (target.useSudo && result.code !== 0 && isSudoPasswordPrompt(result.stderr)) {
        throw new SudoPasswordRequiredError(target.name, conn.endpoint.user);
      }
      return result;
    } finally {
      this.release(entry);
    }
  }

  /** Forget a host's session (after its settings changed or it was removed). */
  close(id: string): void {
    const entry = this.entries.get(id);
    if (entry) this.drop(id, entry);
  }

  closeAll(): void {
    for (const [id, entry] of this.entries) this.drop(id, entry);
  }

  get size(): number {
    return this.entries.size;
  }
}

class StaleSessionError extends SshConnectError {}

function runChannel(
  conn: Connection,
  command: string,
  stdin: string | Buffer | undefined,
  signal: AbortSignal,
  onDead: () => void,
): Promise<ExecResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let channel: ClientChannel | undefined;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      // Ask the remote side to stop, then close our end; the caller gets the reason right away.
      if (channel) {
        try {
          channel.signal('KILL');
        } catch {}
        channel.close();
      }
      finish(() => reject(signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();
    conn.client.exec(command, (err, ch) => {
      if (err) {
        if (isDeadSession(err)) {
          onDead();
          return finish(() => reject(new StaleSessionError(`session to ${conn.endpoint.alias} was gone`)));
        }
        return finish(() =>
          reject(new SshError(`cannot open a channel on ${conn.endpoint.alias}: ${err.message}`)),
        );
      }
      channel = ch;
      if (settled) {
        ch.close();
        return;
      }
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let bytes = 0;
      let code: number | null = null;
      let exitSignal: string | undefined;
      let exited = false;
      ch.on('data', (b: Buffer) => {
        out.push(b);
        bytes += b.length;
      });
      ch.stderr.on('data', (b: Buffer) => {
        errOut.push(b);
        bytes += b.length;
      });
      ch.on('exit', (c: number | null, sig?: string) => {
        exited = true;
        code = c;
        exitSignal = sig;
      });
      ch.on('close', () => {
        if (!exited) {
          return finish(() =>
            reject(
              new SshConnectError(`connection to ${conn.endpoint.alias} was lost while the command ran`),
            ),
          );
        }
        finish(() =>
          resolve({
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(errOut).toString('utf8'),
            code,
            signal: exitSignal,
            bytes,
            ms: performance.now() - started,
          }),
        );
      });
      ch.end(stdin);
    });
  });
}
