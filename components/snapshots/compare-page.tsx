'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { compareModels } from '@/server/core/snapshots/compare';
import { CompareLive } from './compare-live';
import { ComparisonView } from './compare-view';
import { CreateShare } from './create-share';
import { describeSnapshot } from './describe';
import styles from './snapshots.module.css';
import { replaceUrlParam } from './url-param';

export interface ComparePageProps {
  from: string;
  /** A snapshot id, or `live`: the hosts of `from` as they are now (read again). */
  to: string;
  traffic: boolean;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}

/** `/snapshots/compare?from=ID&to=ID|live[&traffic=1]`: the URL is the comparison. */
export function ComparePage(props: ComparePageProps) {
  const [traffic, setTraffic] = useState(props.traffic);
  const onTraffic = (v: boolean) => {
    setTraffic(v);
    replaceUrlParam('traffic', v ? '1' : null);
  };
  const shared = {
    from: props.from,
    traffic,
    onTraffic,
    initial: props.initial,
    testHandle: props.testHandle,
  };
  return props.to === 'live' ? <CompareLive {...shared} /> : <CompareSnapshots {...shared} to={props.to} />;
}

function CompareSnapshots(props: {
  from: string;
  to: string;
  traffic: boolean;
  onTraffic: (v: boolean) => void;
  initial: ComparePageProps['initial'];
  testHandle: boolean;
}) {
  const trpc = useTRPC();
  const canShare = useCan('operator');
  const from = useQuery(trpc.snapshots.get.queryOptions({ id: props.from }));
  const to = useQuery(trpc.snapshots.get.queryOptions({ id: props.to }));
  // Both sides are stored: the comparison is the same pure one the server makes, made here.
  const comparison = useMemo(
    () => (from.data && to.data ? compareModels(from.data.models, to.data.models) : null),
    [from.data, to.data],
  );
  const error = from.error ?? to.error;
  if (error)
    return (
      <main className={styles.page}>
        <div className={styles.error} role="alert">
          Could not load a snapshot of this comparison: {errorMessage(error)}.{' '}
          <a href="/snapshots">Pick two from the list.</a>
        </div>
      </main>
    );
  if (!from.data || !to.data || !comparison)
    return (
      <main className={styles.page}>
        <p>Loading the snapshots…</p>
      </main>
    );
  return (
    <ComparisonView
      from={{ models: from.data.models, title: `snapshot ${describeSnapshot(from.data.meta)}` }}
      to={{ models: to.data.models, title: `snapshot ${describeSnapshot(to.data.meta)}` }}
      comparison={comparison}
      traffic={props.traffic}
      onTraffic={props.onTraffic}
      initial={props.initial}
      testHandle={props.testHandle}
      actions={
        <>
          <p>
            <a href={`/snapshots/${props.from}`}>Open the earlier</a> ·{' '}
            <a href={`/snapshots/${props.to}`}>Open the later</a>
            {canShare && (
              <>
                {' · '}
                <a href={`/snapshots/compare?from=${props.from}&to=live`}>Compare the earlier with live</a>
              </>
            )}
          </p>
          {canShare && (
            <details>
              <summary>Share this diff</summary>
              <CreateShare snapshotId={props.from} compareTo={props.to} />
            </details>
          )}
        </>
      }
    />
  );
}
