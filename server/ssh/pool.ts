import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { runCommand, StaleSessionError } from './channel';
import { type Connection, type ConnectSettings, connect } from './connect';
import { deadline, raceAbort } from './deadline';
import { fetchHostKey } from './host-key-fetch';
import { defaultKeyDirs } from './key-file';
import { Semaphore } from './semaphore';
import type { ExecOptions, ExecResult, HostKeySeen, SshTarget } from './types';

export interface PoolSettings extends ConnectSettings {
  /** Concurrent channels per connection; more wait in a queue (OpenSSH's MaxSessions default is 10). */
  maxChannels: number;
  /** Default per-command deadline. */
  execTimeoutMs: number;
  /**
   * Unpooled connections (tests, host key fetches) open at once, over all hosts; more wait.
   * Bounds the sockets a burst of API calls can open.
   */
  maxFreshConnections: number;
}

/**
 * Reads ~/.ssh/config (or PATCHBAY_SSH_CONFIG), PATCHBAY_KEY_DIRS and PATCHBAY_SSH_MATCH_EXEC
 * once per pool; a missing config file means no config.
 */
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
    maxFreshConnections: 4,
    sshConfigText,
    home,
    localUser: userInfo().username,
    agentSocket: process.env.SSH_AUTH_SOCK || undefined,
    keyDirs: overrides.keyDirs === undefined ? defaultKeyDirs() : overrides.keyDirs,
    sshMatchExec: process.env.PATCHBAY_SSH_MATCH_EXEC === '1',
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

/**
 * One pooled SSH session per host id, shared by all callers; channels per session are bounded,
 * and a session that drops (keepalive timeout, sshd restart) is replaced on the next exec.
 * Unpooled connections (`execFresh`, `hostKey`) never touch the pooled sessions.
 */
export class SshPool {
  readonly settings: PoolSettings;
  private readonly entries = new Map<string, Entry>();
  private readonly freshSlots: Semaphore;

  constructor(settings: Partial<PoolSettings> = {}) {
    this.settings = defaultPoolSettings(settings);
    this.freshSlots = new Semaphore(this.settings.maxFreshConnections);
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

  /**
   * Work on an unpooled connection, within the global cap of fresh connections. The wait for a
   * slot is not part of the deadline; the slot is held until the work has really finished (not
   * just until the caller gave up), so the cap bounds open sockets, not pending promises.
   */
  private async fresh<T>(
    opts: ExecOptions,
    fallbackMs: number,
    what: string,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const release = await this.freshSlots.acquire(opts.signal);
    const d = deadline(opts, fallbackMs, what);
    const job = work(d.signal);
    job.then(release, release);
    try {
      return await raceAbort(job, d.signal);
    } finally {
      d.dispose();
    }
  }

  /**
   * The host key the target presents now, without authenticating to it: the key is refused
   * during the handshake, so no credential is built or offered. Jump hops are verified and
   * authenticate as usual.
   */
  hostKey(target: SshTarget, opts: ExecOptions = {}): Promise<HostKeySeen> {
    return this.fresh(opts, this.settings.readyTimeoutMs + 1_000, `connecting to ${target.name}`, () =>
      fetchHostKey(target, this.settings),
    );
  }

  /**
   * Run one command on a fresh, unpooled session, then close it: proves the host is reachable
   * and accepts the credentials now, without disturbing the pooled session other callers use.
   */
  execFresh(
    target: SshTarget,
    command: string,
    opts: ExecOptions = {},
  ): Promise<{ result: ExecResult; hostKey: HostKeySeen; connectMs: number }> {
    return this.fresh(opts, this.settings.execTimeoutMs, `command on ${target.name}`, async (signal) => {
      const conn = await connect(target, this.settings);
      try {
        const result = await runCommand(conn, target, command, {
          stdin: opts.stdin,
          signal,
          onDead: () => undefined,
          onStdout: opts.onStdout,
        });
        return { result, hostKey: conn.hostKey, connectMs: conn.connectMs };
      } finally {
        conn.close();
      }
    });
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
      return await runCommand(conn, target, command, {
        stdin: opts.stdin,
        signal,
        onDead: () => this.drop(target.id, entry),
        onStdout: opts.onStdout,
      });
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
