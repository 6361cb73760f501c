import { afterAll, describe, expect, it } from 'vitest';
import { applyEdits } from '@/server/core/changes/apply-edits';
import { labModel } from '@/server/core/changes/apply-edits.test-helper';
import { type HostModel, joinCounters, topologyOf } from '@/server/core/model';
import { SecretBox, type Sql, SqlHostStore } from '@/server/storage';
import { openMigrated } from '@/server/storage/test-backends';
import { SnapshotService } from './service';
import { SnapshotStore } from './store';

/** A model that has moved traffic: same topology, other counters. */
function withTraffic(m: HostModel): HostModel {
  return {
    ...m,
    collectedAt: '2024-05-01T00:01:00.000Z',
    ovs: m.ovs && {
      ...m.ovs,
      bridges: m.ovs.bridges.map((b) => ({
        ...b,
        flows: b.flows?.map((f) => ({ ...f, counters: { nPackets: 7, nBytes: 700, durationS: 99 } })) ?? null,
      })),
    },
  };
}

const clock = { now: new Date('2026-01-01T00:00:00Z') };

/**
 * The snapshot store and service on one backend: content-addressed storage, history, the
 * comparison, export/import and share links. Run on PGlite (unit) and PostgreSQL (lab suite).
 */
export function snapshotSuite(backend: string, open: () => Promise<Sql>): void {
  const ready = openMigrated(open);
  const store = new SnapshotStore(ready);
  const hosts = new SqlHostStore(ready, SecretBox.fromKey(Buffer.alloc(32, 2)));
  const service = new SnapshotService(hosts, store, { now: () => clock.now });
  const model = labModel('aio');
  const meta = { who: 'ops', source: 'manual' as const };
  afterAll(async () => (await ready).close());

  describe(`snapshots on ${backend}`, { timeout: 120_000 }, () => {
    it('gives back the models it saved (counters kept apart; durations are not kept)', async () => {
      const saved = await service.save([withTraffic(model)], [null], { ...meta, name: 'first' });
      const { models } = await service.get(saved.id);
      const back = models[0] as HostModel;
      expect(topologyOf(back)).toEqual(topologyOf(model));
      expect(back.collectedAt).toBe('2024-05-01T00:01:00.000Z');
      const flow = back.ovs?.bridges.flatMap((b) => b.flows ?? [])[0];
      expect(flow?.counters).toEqual({ nPackets: 7, nBytes: 700 });
    });

    it('stores an unchanged host once: a second snapshot adds rows of well under 1 KB, no blob', async () => {
      const db = await ready;
      await service.save([model], [null], { ...meta, name: 'a' });
      const blobs = async () =>
        (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM blobs')).rows[0]?.n;
      const before = { blobs: await blobs(), size: await store.size() };
      await service.save([{ ...model, collectedAt: '2024-05-02T00:00:00.000Z' }], [null], {
        ...meta,
        name: 'b',
      });
      expect(await blobs()).toBe(before.blobs);
      expect((await store.size()).rows - before.size.rows).toBeLessThan(1024);
    });

    it('keeps the topology blob when only counters moved', async () => {
      const a = await service.save([model], [null], { ...meta, name: 'quiet' });
      const b = await service.save([withTraffic(model)], [null], { ...meta, name: 'busy' });
      const [ma, mb] = [await store.meta(a.id), await store.meta(b.id)];
      expect(ma?.hosts[0]?.topologyHash).toBe(mb?.hosts[0]?.topologyHash);
      const cmp = await service.compare({
        from: { snapshotId: a.id },
        to: { snapshotId: b.id },
        traffic: true,
      });
      expect(cmp.hosts[0]?.diff).toEqual({ added: [], removed: [], changed: [] });
      expect(cmp.hosts[0]?.traffic.flows.length).toBeGreaterThan(0);
      expect(cmp.text).toContain('counters moved');
    });

    it('compares two snapshots: exactly the change, as text', async () => {
      const changed = applyEdits(model, [
        { op: 'add-port', bridge: 'br-int', name: 'snap-p1', type: 'internal', tag: 42 },
      ]);
      if (!changed.ok) throw new Error('edit refused');
      const a = await service.save([model], [null], { ...meta, name: 'before' });
      const b = await service.save([changed.desired], [null], { ...meta, name: 'after' });
      const cmp = await service.compare({
        from: { snapshotId: a.id },
        to: { snapshotId: b.id },
        traffic: false,
      });
      const h = cmp.hosts[0];
      expect(h?.diff.added.map((o) => o.id).sort()).toEqual([
        'iface:snap-p1',
        'link:/snap-p1',
        'port:br-int/snap-p1',
      ]);
      expect(h?.diff.removed).toEqual([]);
      expect(h?.diff.changed).toEqual([]);
      expect(cmp.text).toContain('+ port br-int/snap-p1');
    });

    it('lists newest first, and a host history holds only that host', async () => {
      const other = { ...model, host: 'other-host' };
      const s = await service.save([other], [null], { ...meta, name: 'other' });
      const history = await service.list('other-host');
      expect(history.map((x) => x.id)).toEqual([s.id]);
      const all = await service.list();
      expect(all.length).toBeGreaterThan(history.length);
      expect([...all].sort((x, y) => (x.takenAt < y.takenAt ? 1 : -1)).map((x) => x.takenAt)).toEqual(
        all.map((x) => x.takenAt),
      );
    });

    it('exports a file that imports to equal models; a bad file names the path and saves nothing', async () => {
      const s = await service.save([withTraffic(model)], [null], { ...meta, name: 'round trip', note: 'n' });
      const file = await service.exportFile(s.id);
      const { meta: imported } = await service.importFile(JSON.stringify(file), 'someone');
      expect(imported.source).toBe('imported');
      expect((await service.get(imported.id)).models).toEqual((await service.get(s.id)).models);
      const count = (await service.list()).length;
      const broken = structuredClone(file) as {
        hosts: { model: { ovs: { bridges: { name: unknown }[] } } }[];
      };
      const bridge = broken.hosts[0]?.model.ovs.bridges[1];
      if (bridge) bridge.name = 42;
      await expect(service.importFile(JSON.stringify(broken), 'someone')).rejects.toThrow(
        /hosts\[0\]\.model\.ovs\.bridges\[1\]\.name/,
      );
      expect((await service.list()).length).toBe(count);
    });

    it('deletes a snapshot, its links and the blobs nothing else uses', async () => {
      const db = await ready;
      const lonely = { ...model, host: 'lonely' };
      const s = await service.save([lonely], [null], { ...meta, name: 'to delete' });
      await service.createShare({ snapshotId: s.id }, 'ops');
      const hash = (await store.meta(s.id))?.hosts[0]?.topologyHash;
      await service.remove(s.id);
      const left = await db.query('SELECT 1 FROM blobs WHERE hash = $1', [hash]);
      expect(left.rows).toHaveLength(0);
      expect(await service.shares(s.id)).toEqual([]);
      await expect(service.get(s.id)).rejects.toThrow(/no snapshot/);
    });

    it('share links: open read-only while active; revoked, expired and unknown tokens all answer not found', async () => {
      const a = await service.save([model], [null], { ...meta, name: 'shared' });
      const b = await service.save([withTraffic(model)], [null], { ...meta, name: 'later' });
      const plain = await service.createShare({ snapshotId: a.id }, 'ops');
      expect(plain.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(plain.path).toBe(`/s/${plain.token}`);
      const db = await ready;
      const stored = await db.query<{ token_hash: string }>(
        'SELECT token_hash FROM share_links WHERE id = $1',
        [plain.link.id],
      );
      expect(stored.rows[0]?.token_hash).not.toContain(plain.token);
      const view = await service.openShare(plain.token);
      expect(view.kind).toBe('snapshot');
      expect(view.snapshot.models[0]?.host).toBe(model.host);
      expect(JSON.stringify(view)).not.toContain('"who"');

      const diff = await service.createShare({ snapshotId: a.id, compareTo: b.id }, 'ops');
      expect((await service.openShare(diff.token)).kind).toBe('diff');

      const expiring = await service.createShare({ snapshotId: a.id, expiresInHours: 1 }, 'ops');
      await service.openShare(expiring.token);
      const saved = clock.now;
      clock.now = new Date(saved.getTime() + 3_600_001);
      await expect(service.openShare(expiring.token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      clock.now = saved;

      await service.revokeShare(plain.link.id);
      await expect(service.openShare(plain.token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(service.revokeShare(plain.link.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(service.openShare('x'.repeat(43))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const links = await service.shares(a.id);
      expect(links.map((l) => [l.id, l.revokedAt !== null])).toContainEqual([plain.link.id, true]);
    });

    it('joins counters back only where they were', () => {
      const m = joinCounters(topologyOf(model), model.collectedAt, { flows: {}, interfaces: {} });
      expect(topologyOf(m)).toEqual(topologyOf(model));
    });
  });
}
