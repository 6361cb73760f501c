/**
 * Team mode: two Patchbay server processes on one PostgreSQL database (this test's services, and
 * a child process, team-peer.ts, with its own pool and in-memory state). Both see the same hosts,
 * snapshots and share links, and the per-host apply lock holds across them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '@/server/services';
import { SshPool } from '@/server/ssh';
import { openDatabase, type Sql } from '@/server/storage';
import { HOST, onChangesHost, onHost, restore } from './changes-helpers';
import { addTrustedLabHost, LAB_KEY_DIRS } from './hosts';
import { freshPostgresUrl } from './postgres';

const base = onChangesHost();
const dir = mkdtempSync(join(tmpdir(), 'pb-team-'));
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
const PORT = 'pbteam0';
let url: string;
let db: Sql;
let services: Services;
let hostId: string;
const children: ChildProcess[] = [];

/** Starts the peer process; its JSON answers, one per line, as they come. */
function peer(...args: string[]): {
  next: () => Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
} {
  const child = spawn('npx', ['tsx', 'e2e/lab/team-peer.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url, PATCHBAY_DATA_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  return {
    next: async () => {
      const line = await lines.next();
      if (line.done) throw new Error('the peer process ended without answering');
      return JSON.parse(line.value) as Record<string, unknown>;
    },
    exited: new Promise((resolve) => child.on('exit', resolve)),
  };
}

beforeAll(async () => {
  url = await freshPostgresUrl();
  const dbPromise = openDatabase(dir, url);
  db = await dbPromise;
  services = createServices(dbPromise, dir, { ssh: pool, changes: { guardSeconds: 8 } });
  hostId = await addTrustedLabHost(services, HOST);
  expect((await services.hosts.refresh(hostId)).ok).toBe(true);
}, 120_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.pid) process.kill(c.pid);
  await onHost('ovs-vsctl', '--if-exists', 'del-port', PORT);
  pool.closeAll();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two servers on one PostgreSQL', { timeout: 180_000 }, () => {
  it('see the same hosts, snapshots and share links', async () => {
    await services.snapshots.take({ hostIds: [hostId], name: 'seen by both', note: '' }, { who: 'ops' });
    const snap = (await services.snapshots.list())[0];
    const { token } = await services.snapshots.createShare({ snapshotId: snap?.id ?? '' }, 'ops');
    const other = peer('inspect', token);
    expect(await other.next()).toEqual({
      hosts: [HOST],
      snapshots: ['seen by both'],
      shared: 'seen by both',
    });
    expect(await other.exited).toBe(0);
  });

  it('hold one apply lock per host across both processes', async () => {
    const bridge = base().ovs?.bridges[0]?.name ?? '';
    const add = await services.changes.plan(
      hostId,
      [{ op: 'add-port', bridge, name: PORT, type: 'internal' }],
      'ops',
    );
    const other = peer('apply', add.id);
    const started = await other.next();
    expect(started.runId).toEqual(expect.any(String));
    // The peer's run reads the host (snapshot before), applies and reads again: it is still going.
    const refused = await services.changes.apply(add.id, 'ops').then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(refused?.code).toBe('BUSY');
    expect(refused?.message).toContain('peer is applying');
    expect(await other.next()).toMatchObject({ outcome: 'applied' });
    expect(await other.exited).toBe(0);
    expect(await onHost('ovs-vsctl', 'list-ports', bridge)).toContain(PORT);
    // Released when the peer's run ended: this process may apply now (taking the port away again).
    const del = await services.changes.plan(hostId, [{ op: 'delete-port', name: PORT }], 'ops');
    const { runId } = await services.changes.apply(del.id, 'ops');
    for await (const _ of services.changes.progress(runId));
    expect((await services.changes.run(runId)).outcome).toBe('applied');
    await restore(base());
  });
});
