'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { useCan } from '@/components/session/session-context';
import { useTRPC, useTRPCClient } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import type { HostModel } from '@/server/core/model';
import { compareModels } from '@/server/core/snapshots/compare';
import { ComparisonView } from './compare-view';
import { describeSnapshot } from './describe';
import { FreezeAndShare } from './freeze-and-share';
import { liveHosts } from './live-hosts';
import styles from './snapshots.module.css';

/**
 * A snapshot against its hosts as they are now: compareLive reads each host again (an operator's
 * action), then the models of that read are fetched to draw the comparison on.
 */
export function CompareLive(props: {
  from: string;
  traffic: boolean;
  onTraffic: (v: boolean) => void;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const canRead = useCan('operator');
  const from = useQuery(trpc.snapshots.get.queryOptions({ id: props.from }));
  const inventory = useQuery(trpc.hosts.list.queryOptions());
  const targets = useMemo(
    () => (from.data && inventory.data ? liveHosts(from.data.meta.hosts, inventory.data) : null),
    [from.data, inventory.data],
  );
  const live = useMutation({
    mutationFn: async (hostIds: string[]) => {
      // compareLive reads the hosts again (and stores that read); the graph needs the models of
      // that read, so they are fetched next and compared here with the same pure function, which
      // keeps the text and the drawing of one and the same read.
      await client.snapshots.compareLive.mutate({
        from: { snapshotId: props.from },
        to: { live: hostIds },
        traffic: false,
      });
      const reads = await Promise.all(hostIds.map((id) => client.hosts.model.query({ id })));
      return reads.map((r) => r?.model).filter((m): m is HostModel => m !== undefined);
    },
  });
  const comparison = useMemo(
    () => (from.data && live.data ? compareModels(from.data.models, live.data) : null),
    [from.data, live.data],
  );

  // One read when the page opens; "Read the hosts again" asks for another.
  const { mutate } = live;
  const started = useRef(false);
  useEffect(() => {
    if (!canRead || started.current || !targets || targets.missing.length > 0) return;
    started.current = true;
    mutate(targets.ids);
  }, [canRead, targets, mutate]);

  const problem = !canRead
    ? 'Comparing with the live hosts reads them again, which needs the operator role. Compare two snapshots instead.'
    : from.error
      ? `Could not load the snapshot: ${errorMessage(from.error)}.`
      : inventory.error
        ? `Could not load the host list: ${errorMessage(inventory.error)}.`
        : targets && targets.missing.length > 0
          ? `Not in the inventory any more: ${targets.missing.join(', ')}. There is no live side to compare with; an admin adds the host again on the Hosts page.`
          : null;
  if (problem)
    return (
      <main className={styles.page}>
        <div className={styles.error} role="alert">
          {problem} <a href="/snapshots">Back to the snapshots.</a>
        </div>
      </main>
    );
  if (live.error)
    return (
      <main className={styles.page}>
        <div className={styles.error} role="alert">
          Could not read the live hosts: {errorMessage(live.error)}
        </div>
        <p>
          <button type="button" onClick={() => targets && mutate(targets.ids)}>
            Try again
          </button>{' '}
          <a href={`/snapshots/${props.from}`}>Back to the snapshot</a>
        </p>
      </main>
    );
  if (!from.data || !targets || !live.data || !comparison)
    return (
      <main className={styles.page}>
        <p role="status">Reading the live hosts…</p>
      </main>
    );
  const names = from.data.meta.hosts.map((h) => h.name);
  return (
    <ComparisonView
      from={{ models: from.data.models, title: `snapshot ${describeSnapshot(from.data.meta)}` }}
      to={{ models: live.data, title: `${names.join(', ')} as read just now` }}
      comparison={comparison}
      traffic={props.traffic}
      onTraffic={props.onTraffic}
      initial={props.initial}
      testHandle={props.testHandle}
      actions={
        <>
          <p>
            <button type="button" onClick={() => mutate(targets.ids)} disabled={live.isPending}>
              {live.isPending ? 'Reading…' : 'Read the hosts again'}
            </button>{' '}
            <a href={`/snapshots/${props.from}`}>Open the snapshot</a>
          </p>
          <FreezeAndShare from={props.from} hostIds={targets.ids} hostNames={names} />
        </>
      }
    />
  );
}
