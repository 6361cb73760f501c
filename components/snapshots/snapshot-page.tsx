'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { when } from '@/components/admin/when';
import { TopologyView } from '@/components/graph/topology-view';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { downloadSnapshotFile } from './export';
import { liveHosts } from './live-hosts';
import { RestorePanel } from './restore';
import styles from './snapshots.module.css';

/**
 * `/snapshots/<id>`: the snapshot drawn read-only (inspector, search, lint, PNG/SVG as for any
 * graph; no refresh, edit or trace: it reaches no host), with its export, its comparison with the
 * live hosts and, for an operator and a snapshot of one inventory host, a restore plan.
 */
export function SnapshotPage({
  id,
  initial,
  testHandle,
}: {
  id: string;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}) {
  const trpc = useTRPC();
  const canOperate = useCan('operator');
  const snap = useQuery(trpc.snapshots.get.queryOptions({ id }));
  const inventory = useQuery(trpc.hosts.list.queryOptions());
  const [restoring, setRestoring] = useState(false);
  const targets = useMemo(
    () => (snap.data && inventory.data ? liveHosts(snap.data.meta.hosts, inventory.data) : null),
    [snap.data, inventory.data],
  );
  const models = useMemo(() => snap.data?.models ?? [], [snap.data]);

  if (snap.error)
    return (
      <main className={styles.page}>
        <div className={styles.error} role="alert">
          Could not open this snapshot: {errorMessage(snap.error)}. <a href="/snapshots">See the list.</a>
        </div>
      </main>
    );
  const meta = snap.data?.meta;
  const comparable = canOperate && targets !== null && targets.missing.length === 0;
  // Restoring writes to one host: offered for a snapshot of exactly one host the inventory has.
  const restoreTo =
    canOperate && meta?.hosts.length === 1 && targets?.ids.length === 1
      ? { hostId: targets.ids[0] as string, hostName: meta.hosts[0]?.name ?? '' }
      : null;

  const banner = meta && (
    <div data-testid="snapshot-banner">
      Snapshot <strong>{meta.name}</strong> — taken {when(meta.takenAt)} by {meta.who} ({meta.source}),
      read-only.
      <span className={styles.bannerActions}>
        <button
          type="button"
          onClick={() => downloadSnapshotFile(meta, models)}
          title="Download the snapshot file"
        >
          Export
        </button>
        {comparable && <a href={`/snapshots/compare?from=${meta.id}&to=live`}>Compare with live</a>}
        {restoreTo && (
          <button type="button" onClick={() => setRestoring(true)} disabled={restoring}>
            Plan restore…
          </button>
        )}
        {meta.hosts.map((h) => (
          <a key={h.name} href={`/snapshots?host=${encodeURIComponent(h.name)}`}>
            History of {h.name}
          </a>
        ))}
      </span>
      {meta.note && <div className={styles.noteText}>{meta.note}</div>}
    </div>
  );

  return (
    <TopologyView
      models={models}
      urlHosts={null}
      initial={initial}
      banner={banner}
      loading={snap.isPending}
      notices={
        restoring && restoreTo && meta ? (
          <RestorePanel
            snapshotId={meta.id}
            hostId={restoreTo.hostId}
            hostName={restoreTo.hostName}
            onClose={() => setRestoring(false)}
          />
        ) : null
      }
      testHandle={testHandle}
    />
  );
}
