import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plan } from '@/server/core/changes/types';
import { SecretBox, type Sql, SqlHostStore } from '@/server/storage';
import { openMigrated } from '@/server/storage/test-backends';
import type { RunReport } from './apply';
import { ChangeStore, LOCK_STALE_SECONDS } from './store';

const plan = { steps: [], warnings: [] } as unknown as Plan;

/** The change record (plans, runs) and the per-host apply lock on one backend. */
export function changeStoreSuite(backend: string, open: () => Promise<Sql>): void {
  const ready = openMigrated(open);
  const store = new ChangeStore(ready);
  const hosts = new SqlHostStore(ready, SecretBox.fromKey(Buffer.alloc(32, 3)));
  afterAll(async () => (await ready).close());
  const host = () =>
    hosts.create({
      name: `h-${randomUUID().slice(0, 8)}`,
      address: '198.18.0.9',
      port: 22,
      user: 'root',
      auth: { method: 'agent' },
      useSudo: false,
      jumpHost: null,
      sshConfigAlias: null,
      labels: [],
    });
  const holder = (who: string) => ({ runId: randomUUID(), who, since: new Date().toISOString() });

  describe(`change record and apply lock on ${backend}`, { timeout: 120_000 }, () => {
    it('keeps plans and runs from start to end', async () => {
      const h = await host();
      const planId = randomUUID();
      await store.savePlan({ id: planId, hostId: h.id, who: 'ops', edits: [{ op: 'x' }], plan });
      expect(await store.getPlan(planId)).toMatchObject({ hostId: h.id, edits: [{ op: 'x' }] });
      const runId = randomUUID();
      const startedAt = new Date().toISOString();
      await store.startRun({
        id: runId,
        planId,
        hostId: h.id,
        hostName: h.name,
        who: 'ops',
        startedAt,
        plan,
      });
      expect((await store.getRun(runId))?.outcome).toBeNull();
      const report = { finishedAt: new Date().toISOString(), outcome: 'applied', message: 'ok' } as RunReport;
      await store.finishRun(runId, report);
      expect(await store.getRun(runId)).toMatchObject({ outcome: 'applied', message: 'ok', report });
      expect((await store.listRuns({ hostId: h.id, limit: 5 })).map((r) => r.id)).toEqual([runId]);
    });

    it('one apply per host: a second holder is told who holds it, until it is released', async () => {
      const h = await host();
      const first = holder('alice');
      expect(await store.acquireLock(h.id, first)).toBeNull();
      expect(await store.acquireLock(h.id, holder('bob'))).toMatchObject({
        runId: first.runId,
        who: 'alice',
      });
      await store.heartbeat(h.id, first.runId);
      await store.releaseLock(h.id, first.runId);
      expect(await store.acquireLock(h.id, holder('bob'))).toBeNull();
    });

    it('a holder that stopped beating is taken over', async () => {
      const h = await host();
      const gone = holder('crashed');
      await store.acquireLock(h.id, gone);
      await (await ready).query(
        `UPDATE apply_locks SET heartbeat_at = now() - make_interval(secs => $2) WHERE host_id = $1`,
        [h.id, LOCK_STALE_SECONDS + 5],
      );
      expect(await store.acquireLock(h.id, holder('next'))).toBeNull();
    });

    it('after a restart, marks runs without a live lock interrupted and leaves locked ones running', async () => {
      const [a, b] = [await host(), await host()];
      const planId = randomUUID();
      await store.savePlan({ id: planId, hostId: a.id, who: 'ops', edits: [], plan });
      const orphan = randomUUID();
      const live = holder('other server');
      const startedAt = new Date().toISOString();
      await store.startRun({
        id: orphan,
        planId,
        hostId: a.id,
        hostName: a.name,
        who: 'ops',
        startedAt,
        plan,
      });
      await store.startRun({
        id: live.runId,
        planId,
        hostId: b.id,
        hostName: b.name,
        who: 'ops',
        startedAt,
        plan,
      });
      await store.acquireLock(b.id, live);
      await store.markInterrupted();
      expect((await store.getRun(orphan))?.outcome).toBe('interrupted');
      expect((await store.getRun(live.runId))?.outcome).toBeNull();
    });
  });
}
