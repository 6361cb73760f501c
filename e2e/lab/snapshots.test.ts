/**
 * Snapshots against a lab host, on both storage backends (embedded PGlite, and PostgreSQL as in
 * team mode): snapshot, change the host behind Patchbay's back, the comparison with the live host
 * names exactly that change; the restore plan puts it back through the change engine, with
 * snapshots before and after the apply; the export imports to an equal model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@/server/auth';
import { createServices, type Services } from '@/server/services';
import { SshPool } from '@/server/ssh';
import { openDatabase, type Sql } from '@/server/storage';
import { createCaller } from '@/server/trpc/routers/_app';
import { contextFor } from '@/server/trpc/test-context';
import { expectAt, HOST, onChangesHost, onHost, restore } from './changes-helpers';
import { addTrustedLabHost, LAB_KEY_DIRS } from './hosts';
import { freshPostgresUrl } from './postgres';

const base = onChangesHost();
const PORT = 'pbsnap0';

describe.each([
  ['PGlite', async () => undefined],
  ['PostgreSQL', freshPostgresUrl],
])('snapshots of a lab host on %s', { timeout: 180_000 }, (_backend, url) => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-snapshots-'));
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
  let db: Sql;
  let dbPromise: Promise<Sql>;
  let services: Services;
  let hostId: string;
  let api: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    dbPromise = openDatabase(dir, await url());
    db = await dbPromise;
    services = createServices(dbPromise, dir, { ssh: pool, changes: { guardSeconds: 8 } });
    hostId = await addTrustedLabHost(services, HOST);
    await services.auth.addUser({ name: 'op', role: 'operator', password: 'operator-password' });
    const { token } = await services.auth.login(
      { name: 'op', password: 'operator-password' },
      { source: '127.0.0.1', userAgent: 't' },
    );
    api = createCaller(contextFor(services, (await services.auth.session(token)) as Session));
    const first = await services.hosts.refresh(hostId);
    expect(first.ok).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await onHost('ovs-vsctl', '--if-exists', 'del-port', PORT);
    pool.closeAll();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('snapshot, change the host, and the comparison with live names exactly the change', async () => {
    const snap = await api.snapshots.take({ hostIds: [hostId], name: 'before a port', note: '' });
    const bridge = base().ovs?.bridges[0]?.name;
    if (!bridge) throw new Error('the changes host has no bridge');
    await onHost('ovs-vsctl', 'add-port', bridge, PORT, '--', 'set', 'Interface', PORT, 'type=internal');

    const cmp = await api.snapshots.compareLive({
      from: { snapshotId: snap.id },
      to: { live: [hostId] },
      traffic: false,
    });
    const h = cmp.hosts[0];
    expect(h?.status).toBe('both');
    const added = h?.diff.added.map((o) => o.id).sort() ?? [];
    // The port and its interface; the kernel device OVS makes for an internal port, when it shows.
    expect(added.filter((id) => id !== `link:/${PORT}`)).toEqual([`iface:${PORT}`, `port:${bridge}/${PORT}`]);
    expect(h?.diff.removed).toEqual([]);
    expect(h?.diff.changed).toEqual([]);
    expect(cmp.text).toContain(`+ port ${bridge}/${PORT}`);

    // The stored snapshot itself is unchanged by the host moving on.
    const again = await api.snapshots.compare({
      from: { snapshotId: snap.id },
      to: { snapshotId: snap.id },
      traffic: false,
    });
    expect(again.hosts[0]?.diff).toEqual({ added: [], removed: [], changed: [] });

    // "Make the host look like this again": planned and applied by the change engine.
    const plan = await api.snapshots.planRestore({ hostId, snapshotId: snap.id });
    expect(plan.text).toContain(PORT);
    const { runId } = await api.changes.applyPlan({ planId: plan.id });
    const phases: string[] = [];
    for await (const e of await api.changes.progress({ runId })) phases.push(`${e.phase} ${e.status}`);
    const run = await api.changes.run({ id: runId });
    expect(run.outcome, run.message).toBe('applied');
    expect(phases).toContain('snapshot ok');
    await expectAt(base());

    const around = (await api.snapshots.list({ hostName: HOST })).filter((s) => s.runId === runId);
    expect(around.map((s) => s.source).sort()).toEqual(['after-apply', 'before-apply']);
    const after = around.find((s) => s.source === 'after-apply');
    const back = await api.snapshots.compare({
      from: { snapshotId: snap.id },
      to: { snapshotId: after?.id ?? '' },
      traffic: false,
    });
    expect(back.hosts[0]?.diff).toEqual({ added: [], removed: [], changed: [] });
  });

  it('exports a file that imports to an equal model, reaching no host', async () => {
    const snap = await api.snapshots.take({ hostIds: [hostId], name: 'to export', note: 'with a note' });
    const file = await services.snapshots.exportFile(snap.id);
    expect(file.schemaVersion).toBe(2);
    expect(file.hosts[0]?.relations).toBeDefined();
    const { meta } = await services.snapshots.importFile(JSON.stringify(file), 'op');
    expect(meta.hosts[0]?.hostId).toBeNull();
    expect((await api.snapshots.get({ id: meta.id })).models).toEqual(
      (await api.snapshots.get({ id: snap.id })).models,
    );
  });

  it('takes a scheduled snapshot when it is due, once however many schedulers ask', async () => {
    await api.snapshots.schedule({ hostId, everyMinutes: 60 });
    expect(await services.scheduler.tick()).toBe(0);
    await db.query(`UPDATE snapshot_schedules SET next_at = now() - interval '1 second' WHERE host_id = $1`, [
      hostId,
    ]);
    // A second server's scheduler on the same database.
    const other = createServices(dbPromise, dir, { ssh: pool }).scheduler;
    const taken = await Promise.all([services.scheduler.tick(), other.tick()]);
    expect(taken[0] + taken[1]).toBe(1);
    const scheduled = (await api.snapshots.list({ hostName: HOST })).filter((s) => s.source === 'scheduled');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.hosts[0]?.hostId).toBe(hostId);
    expect(await services.scheduler.tick()).toBe(0);
    const [schedule] = await api.snapshots.schedules();
    expect(new Date(schedule?.nextAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    await api.snapshots.schedule({ hostId, everyMinutes: null });
    expect(await api.snapshots.schedules()).toEqual([]);
  });

  it('leaves the host at its base', async () => {
    await restore(base());
  });
});
