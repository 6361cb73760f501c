'use client';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { RoleGate } from '@/components/session/role-gate';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { HostName } from '@/server/hosts/schema';
import { HostSchedule } from './host-schedule';
import { ImportFile } from './import-file';
import { SnapshotRow } from './snapshot-row';
import styles from './snapshots.module.css';
import { replaceUrlParam } from './url-param';

/**
 * `/snapshots[?host=NAME]`: every snapshot newest first, or one host's history. Two ticked
 * snapshots are compared (earlier → later); each row opens, exports and shares its snapshot, and
 * operators compare it with the live hosts, rename it, note it, or delete it.
 */
export function SnapshotList({ host: initialHost }: { host: string | null }) {
  const trpc = useTRPC();
  const [host, setHost] = useState(initialHost);
  const [draft, setDraft] = useState(initialHost ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const list = useQuery(trpc.snapshots.list.queryOptions(host ? { hostName: host } : {}));
  const inventory = useQuery(trpc.hosts.list.queryOptions());
  const names = new Map((list.data ?? []).map((s) => [s.id, s.name]));
  // A history of an inventory host offers its schedule.
  const scheduled = host ? (inventory.data ?? []).find((h) => h.name === host) : undefined;

  const filter = (value: string | null) => {
    setHost(value);
    setPicked([]);
    replaceUrlParam('host', value);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = draft.trim();
    if (value === '') return filter(null);
    const name = HostName.safeParse(value);
    if (!name.success) {
      setProblem(`Host: ${name.error.issues[0]?.message ?? 'not a host name'}`);
      return;
    }
    setProblem(null);
    filter(name.data);
  };
  const toggle = (id: string, on: boolean) =>
    setPicked((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));
  // Earlier → later, whatever order they were ticked in.
  const pair = (list.data ?? [])
    .filter((s) => picked.includes(s.id))
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt));

  return (
    <main className={styles.page}>
      <h1>{host ? `Snapshots of ${host}` : 'Snapshots'}</h1>
      <form className={styles.form} onSubmit={submit} aria-label="Filter by host">
        <label>
          Host (its history)
          <input
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            list="snapshot-hosts"
            placeholder="every host"
          />
          <datalist id="snapshot-hosts">
            {(inventory.data ?? []).map((h) => (
              <option key={h.id} value={h.name} />
            ))}
          </datalist>
        </label>
        <button type="submit">Show</button>
        {host && (
          <button
            type="button"
            onClick={() => {
              setDraft('');
              filter(null);
            }}
          >
            Every host
          </button>
        )}
      </form>
      {problem && (
        <div className={styles.error} role="alert">
          {problem}
        </div>
      )}
      {scheduled && <HostSchedule hostId={scheduled.id} hostName={scheduled.name} />}
      <div className={styles.row}>
        <button
          type="button"
          disabled={pair.length !== 2}
          onClick={() => {
            const [a, b] = pair;
            if (a && b) window.location.assign(`/snapshots/compare?from=${a.id}&to=${b.id}`);
          }}
          title="Tick two snapshots to compare them"
        >
          Compare the two ticked{pair.length === 2 ? '' : ` (${pair.length} of 2)`}
        </button>
      </div>
      {list.isPending && <p>Loading snapshots…</p>}
      {list.error && (
        <div className={styles.error} role="alert">
          Could not load the snapshots: {errorMessage(list.error)}
        </div>
      )}
      {list.data?.length === 0 && (
        <p>
          {host ? `No snapshot holds ${host} yet.` : 'No snapshots yet.'} Operators take one with the graph
          view&apos;s Snapshot button (<kbd>s</kbd>), or import a file below.
        </p>
      )}
      {list.data && list.data.length > 0 && (
        <table className={styles.table} data-testid="snapshot-list">
          <thead>
            <tr>
              <th>
                <span className={styles.muted}>compare</span>
              </th>
              <th>name</th>
              <th>taken</th>
              <th>by</th>
              <th>source</th>
              <th>hosts</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <SnapshotRow
                key={s.id}
                snapshot={s}
                picked={picked.includes(s.id)}
                onPick={(on) => toggle(s.id, on)}
                names={names}
              />
            ))}
          </tbody>
        </table>
      )}
      <RoleGate access="operator">
        <h2>Import</h2>
        <ImportFile />
        <p className={styles.muted}>
          To build a snapshot from pasted command output (ovs-vsctl show, ovs-ofctl, ip …), use{' '}
          <a href="/import">Import</a>.
        </p>
      </RoleGate>
    </main>
  );
}
