'use client';
import { useEffect, useMemo, useState } from 'react';
import { elkWorker } from '@/components/graph/elk-layout';
import { TopologyView } from '@/components/graph/topology-view';
import { compareModels } from '@/server/core/snapshots/compare';
import type { SharedView } from '@/server/snapshots';
import { ComparisonView } from './compare-view';
import { downloadSnapshotFile } from './export';
import { LocalTime } from './local-time';
import styles from './snapshots.module.css';
import { replaceUrlParam } from './url-param';

// A share link has no session, so its graph is laid out in the browser's worker: boot it while
// the page hydrates (elk-layout.ts) rather than when the canvas mounts.
if (typeof window !== 'undefined' && typeof Worker !== 'undefined') elkWorker();

type Shown = SharedView['snapshot'];

function Taken({ s }: { s: Shown }) {
  return (
    <>
      <strong>{s.name}</strong> — taken <LocalTime iso={s.takenAt} /> ({s.source})
    </>
  );
}

function Expiry({ expiresAt }: { expiresAt: string | null }) {
  return expiresAt ? (
    <>
      link expires <LocalTime iso={expiresAt} />
    </>
  ) : (
    <>the link works until it is revoked</>
  );
}

const exportOf = (s: Shown) => () =>
  downloadSnapshotFile(
    { name: s.name, note: s.note, takenAt: s.takenAt, who: null, source: s.source },
    s.models,
  );

/**
 * `/s/<token>`: what a share link opens, for anyone holding it and without a session — the
 * snapshot or the diff, read-only. It calls no API at all: the page brought the data, and the
 * view gets no refresh, edit, trace or snapshot controls (TopologyView makes calls only for those).
 */
export function SharedPage({
  view,
  traffic: initialTraffic,
  initial,
  testHandle,
}: {
  view: SharedView;
  traffic: boolean;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}) {
  const [traffic, setTraffic] = useState(initialTraffic);
  // The graph is built in the browser only: rendering it on the server as well (elements, lint,
  // search index of thousands of nodes) doubled the work before a big snapshot became interactive.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const later = view.compareTo;
  const comparison = useMemo(
    () => (mounted && later ? compareModels(view.snapshot.models, later.models) : null),
    [mounted, view.snapshot.models, later],
  );
  const signIn = <a href="/login">Sign in</a>;
  if (!mounted) return <p className={styles.loading}>Opening the shared snapshot…</p>;

  if (later && comparison)
    return (
      <ComparisonView
        from={{ models: view.snapshot.models, title: <Taken s={view.snapshot} /> }}
        to={{ models: later.models, title: <Taken s={later} /> }}
        comparison={comparison}
        traffic={traffic}
        onTraffic={(v) => {
          setTraffic(v);
          replaceUrlParam('traffic', v ? '1' : null);
        }}
        initial={initial}
        testHandle={testHandle}
        banner={
          <span data-testid="shared-banner">
            Shared comparison, read-only; <Expiry expiresAt={view.expiresAt} />.
          </span>
        }
        actions={
          <p className={styles.row}>
            <button type="button" onClick={exportOf(view.snapshot)}>
              Export the earlier
            </button>
            <button type="button" onClick={exportOf(later)}>
              Export the later
            </button>
            {signIn}
          </p>
        }
      />
    );

  return (
    <TopologyView
      models={view.snapshot.models}
      urlHosts={null}
      initial={initial}
      banner={
        <div data-testid="shared-banner">
          Shared snapshot <Taken s={view.snapshot} />, read-only; <Expiry expiresAt={view.expiresAt} />.
          <span className={styles.bannerActions}>
            <button type="button" onClick={exportOf(view.snapshot)} title="Download the snapshot file">
              Export
            </button>
            {signIn}
          </span>
          {view.snapshot.note && <div className={styles.noteText}>{view.snapshot.note}</div>}
        </div>
      }
      testHandle={testHandle}
    />
  );
}
