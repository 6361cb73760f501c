/**
 * A private PostgreSQL cluster for the tests of team mode: Debian's `postgresql` binaries, a
 * fresh data directory under the system temp dir, listening on 127.0.0.1 at a free port and on a
 * socket in that directory only. Stopped by the pid it wrote (never by name), its directory removed.
 * PostgreSQL refuses to run as root, so under root it runs as the `postgres` user the package made.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrivateCluster {
  url: string;
  dir: string;
  stop: () => Promise<void>;
}

/** The newest installed server's bin directory (/usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => existsSync(join(root, d, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors[0])
    throw new Error(
      "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run 'npm test' as root, or apt-get install postgresql",
    );
  return join(root, majors[0], 'bin');
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });

function asOwner(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function run(cmd: string, args: string[]): void {
  const [c, a] = asOwner(cmd, args);
  execFileSync(c, a, { stdio: ['ignore', 'pipe', 'pipe'] });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'patchbay', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const [c, a] = asOwner(join(bin, 'postgres'), [
    '-D',
    data,
    '-k',
    dir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const child = spawn(c, a, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const pidFile = join(data, 'postmaster.pid');
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (existsSync(pidFile) && readFileSync(pidFile, 'utf8').split('\n')[7]?.trim() === 'ready') break;
    if (child.exitCode !== null || Date.now() > deadline) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the private PostgreSQL cluster did not start: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  run(join(bin, 'createdb'), ['-h', dir, '-p', String(port), '-U', 'patchbay', 'patchbay']);
  return {
    url: `postgres://patchbay@127.0.0.1:${port}/patchbay`,
    dir,
    async stop() {
      // SIGINT = PostgreSQL's "fast" shutdown: clients disconnected, clean stop.
      if (alive(pid)) process.kill(pid, 'SIGINT');
      const until = Date.now() + 20_000;
      while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
