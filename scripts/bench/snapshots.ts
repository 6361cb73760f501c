/**
 * Snapshot bench (issue 12) on the `large` lab host (2,004 ports, 10,004 flows), read twice over
 * SSH (the host does not change between the reads), into a fresh embedded database:
 * - saving the second read as a snapshot next to the first: bytes its rows add (target ≤ 1 KiB);
 * - 1,000 snapshots of the host: the snapshot tables on disk, indexes included (target ≤ 10 MB);
 * - comparing two snapshots: compareModels on the two models (target ≤ 200 ms), and the whole
 *   snapshots.compare (both loaded from the database, decompressed, diffed): its first call, and
 *   the median of 7 later ones (decoded topologies are kept by hash);
 *   baseline in the same run: drawing the host's graph (toElements), what any view of it does.
 * Alone: `npx tsx scripts/bench/snapshots.ts` (the lab host must be up).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { toElements } from '@/server/core/graph';
import { compareModels } from '@/server/core/snapshots/compare';
import { SnapshotService, SnapshotStore } from '@/server/snapshots';
import { SshPool } from '@/server/ssh';
import { openDatabase, SecretBox, SqlHostStore } from '@/server/storage';
import { median, timeMedian } from './collect';

export const SNAPSHOT_TARGETS = { diffMs: 200, unchangedBytes: 1024, thousandBytes: 10 * 1000 * 1000 };

export interface SnapshotBenchResult {
  ports: number;
  flows: number;
  /** Bytes of rows one more snapshot of the unchanged host added. */
  unchangedBytes: number;
  /** Snapshot tables on disk after 1,000 snapshots of the host. */
  thousandBytes: number;
  /** Wall time of those 1,000 saves, per save. */
  saveMs: number;
  /** compareModels of the two reads, median. */
  diffMs: number;
  /** SnapshotService.compare of the two stored snapshots: the first call (blobs decoded), then the median of later ones (decoded topologies kept). */
  compareStoredColdMs: number;
  compareStoredMs: number;
  /** toElements of the host, median (the baseline). */
  liveGraphMs: number;
}

export async function benchSnapshots(runs = 7, count = 1000): Promise<SnapshotBenchResult> {
  const host = readLabState()?.hosts.find((h) => h.name === 'large');
  if (!host) throw new Error('lab host "large" is not up');
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: [labDir] });
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-snapshots-'));
  const db = openDatabase(dir, undefined);
  try {
    const read = async () =>
      (await collectHost(pool, labSshTarget(host, 'bench-snapshots'), { timeoutMs: 120_000 })).model;
    const [a, b] = [await read(), await read()];
    const store = new SnapshotStore(db);
    const service = new SnapshotService(new SqlHostStore(db, SecretBox.fromKey(Buffer.alloc(32))), store);
    const meta = { who: 'bench', source: 'manual' as const };
    const first = await service.save([a], [null], { ...meta, name: 'first' });
    const before = await store.size();
    const second = await service.save([b], [null], { ...meta, name: 'second' });
    const unchangedBytes = (await store.size()).rows - before.rows;

    const diffMs = timeMedian(() => compareModels([a], [b]), runs);
    const liveGraphMs = timeMedian(() => toElements([a]), runs);
    const stored: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      await service.compare({
        from: { snapshotId: first.id },
        to: { snapshotId: second.id },
        traffic: false,
      });
      stored.push(performance.now() - t);
    }

    const t = performance.now();
    for (let i = 2; i < count; i++) await service.save([b], [null], { ...meta, name: `#${i + 1}` });
    const saveMs = (performance.now() - t) / (count - 2);
    const thousandBytes = (await store.size()).disk;
    return {
      ports: a.ovs?.ports.length ?? 0,
      flows: a.ovs?.bridges.reduce((n, br) => n + (br.flows?.length ?? 0), 0) ?? 0,
      unchangedBytes,
      thousandBytes,
      saveMs,
      diffMs,
      compareStoredColdMs: stored[0] ?? Number.NaN,
      compareStoredMs: median(stored.slice(1)),
      liveGraphMs,
    };
  } finally {
    pool.closeAll();
    await (await db).close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchSnapshots().then((r) => console.log(r));
}
