import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sha256Fingerprint } from '@/server/ssh';

const SCRIPT = fileURLToPath(new URL('./fake-sshd.ts', import.meta.url));

export type ListenerKind = 'ssh' | 'not-ssh' | 'silent' | 'hold';

export interface ListenerEvent {
  t: number;
  event: 'open' | 'close' | 'auth';
  kind?: ListenerKind;
  port?: number;
  open?: number;
  from?: string;
  method?: string;
  username?: string;
  password?: string;
}

export interface FakeListeners {
  bind: string;
  ports: Record<ListenerKind, number[]>;
  /** SHA256 fingerprint of the fake sshd's host key. */
  fingerprint: string;
  /** Everything logged so far (optionally only for one port). */
  events(port?: number): ListenerEvent[];
  stop(): Promise<void>;
}

/** Starts e2e/lab/fake-sshd.ts as a child process; stop() ends exactly that process, by pid. */
export async function startFakeListeners(opts: {
  logFile: string;
  bind?: string;
  counts: Partial<Record<ListenerKind, number>>;
  holdMs?: number;
}): Promise<FakeListeners> {
  const bind = opts.bind ?? '127.0.0.1';
  const args = ['--import', 'tsx', SCRIPT, '--log', opts.logFile, '--bind', bind];
  for (const [kind, n] of Object.entries(opts.counts)) args.push(`--${kind}`, String(n));
  if (opts.holdMs !== undefined) args.push('--hold-ms', String(opts.holdMs));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    if (!child.stdout) return reject(new Error('fake listeners: no stdout'));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake listeners exited (${code}) before listening`)));
  });
  const ready = JSON.parse(first) as { ports: Record<ListenerKind, number[]>; publicKey: string };
  return {
    bind,
    ports: ready.ports,
    fingerprint: sha256Fingerprint(Buffer.from(ready.publicKey, 'base64')),
    events(port) {
      if (!existsSync(opts.logFile)) return [];
      const all = readFileSync(opts.logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ListenerEvent);
      return port === undefined ? all : all.filter((e) => e.port === port);
    },
    async stop() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGTERM');
      await exited;
    },
  };
}
