'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { AddHostForm } from './add-host-form';
import styles from './hosts.module.css';
import { type ReadHealth, readState } from './read-health';
import { type TestOutcome, TestResult } from './test-result';
import { useNow } from './use-now';

const HEALTH_CLASS: Record<ReadHealth, string | undefined> = {
  complete: styles.ok,
  partial: styles.partial,
  stale: styles.partial,
  failed: styles.bad,
  never: undefined,
};

/**
 * Inventory table: the health of each host's read with its age (read-health.ts; ages tick every
 * 30 s), latency and time of the last refresh, with test/refresh/edit/remove. The
 * controls follow the role the server enforces: refresh for operators, test, trust, edit and
 * remove for admins; a viewer sees the table only. Edit opens the host form below the table.
 */
export function HostList() {
  const trpc = useTRPC();
  const canRefresh = useCan('operator');
  const isAdmin = useCan('admin');
  const queryClient = useQueryClient();
  const list = useQuery(trpc.hosts.list.queryOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.hosts.pathKey() });
  const refresh = useMutation(trpc.hosts.refresh.mutationOptions({ onSettled: invalidate }));
  const refreshAll = useMutation(trpc.hosts.refreshAll.mutationOptions({ onSettled: invalidate }));
  const remove = useMutation(trpc.hosts.remove.mutationOptions({ onSettled: invalidate }));
  const test = useMutation(trpc.hosts.test.mutationOptions());
  const [tested, setTested] = useState<{ id: string; outcome: TestOutcome } | null>(null);
  const now = useNow();
  const [editingId, setEditingId] = useState<string | null>(null);
  // Where the keyboard goes back to when the edit form closes.
  const editOpener = useRef<HTMLButtonElement | null>(null);

  // A refused test (rate limit) is shown from `test.error`; it must not reject into the page.
  const runTest = async (id: string) => {
    const outcome = await test.mutateAsync({ id }).catch(() => null);
    if (outcome) setTested({ id, outcome });
  };

  if (list.isPending) return <p>Loading hosts…</p>;
  if (list.error) return <div className={styles.error}>Could not load the hosts: {list.error.message}</div>;
  if (list.data.length === 0)
    return <p>{isAdmin ? 'No hosts yet. Add one above.' : 'No hosts yet; an admin adds them.'}</p>;
  const names = list.data.map((h) => h.name).join(',');
  // From the list, so a removed host closes its form and a saved name shows in the heading.
  const editing = list.data.find((h) => h.id === editingId);
  const closeEdit = () => {
    setEditingId(null);
    editOpener.current?.focus();
  };
  return (
    <>
      <p>
        <a href={`/view?hosts=${encodeURIComponent(names).replace(/%2C/g, ',')}`}>View all hosts together</a>{' '}
        {canRefresh && (
          <button type="button" onClick={() => refreshAll.mutate()} disabled={refreshAll.isPending}>
            {refreshAll.isPending ? 'Refreshing all…' : 'Refresh all'}
          </button>
        )}
      </p>
      <table className={styles.table} data-testid="host-list">
        <thead>
          <tr>
            <th>name</th>
            <th>address</th>
            <th>status</th>
            <th>latency</th>
            <th>last refresh</th>
            {canRefresh && <th />}
          </tr>
        </thead>
        <tbody>
          {list.data.map((h) => {
            const last = h.lastRefresh;
            const refreshing = refresh.isPending && refresh.variables?.id === h.id;
            const read = readState({ lastRefresh: last, now });
            // The read's age, or for a failed refresh the time of the attempt (no read came of it).
            const age = read.health === 'failed' ? read.attempt : read.read;
            return (
              // The row's id is the target of the graph view's "<host> on the Hosts page" links.
              <tr key={h.id} id={`host-${h.name}`} data-host={h.name}>
                <td>
                  <a href={`/view?hosts=${encodeURIComponent(h.name)}`}>{h.name}</a>{' '}
                  <a
                    href={`/snapshots?host=${encodeURIComponent(h.name)}`}
                    className={styles.history}
                    aria-label={`Snapshot history of ${h.name}`}
                  >
                    history
                  </a>
                  {h.labels.length > 0 && (
                    <div className={styles.labels}>
                      {h.labels.map((label) => (
                        <span key={label} className={styles.label}>
                          {label}
                        </span>
                      ))}
                    </div>
                  )}
                </td>
                <td className={styles.endpoint}>
                  {h.user}@{h.address}:{h.port}
                  {h.jumpHost ? ` via ${h.jumpHost}` : ''}
                  {h.useSudo ? ' (sudo)' : ''}
                </td>
                <td data-testid="host-status" data-health={read.health}>
                  <span className={HEALTH_CLASS[read.health]}>
                    {read.label}
                    {read.health === 'failed' && last?.errorCode ? ` (${last.errorCode})` : ''}
                  </span>
                  {age && (
                    <>
                      {' · '}
                      <time dateTime={age.iso} title={age.absolute}>
                        {read.health === 'failed' ? 'tried' : 'read'} {age.relative}
                      </time>
                    </>
                  )}
                  {read.problem && (
                    <div
                      className={read.health === 'failed' ? styles.error : styles.warn}
                      {...(read.partial ? { 'data-testid': 'partial-read' } : {})}
                    >
                      {read.problem.text}. {read.problem.advice}
                    </div>
                  )}
                </td>
                <td>{last?.latencyMs != null ? `${Math.round(last.latencyMs)} ms` : '—'}</td>
                <td>{last ? <time dateTime={last.at}>{new Date(last.at).toLocaleString()}</time> : '—'}</td>
                {/* Admins are operators too: a viewer's row has no controls cell at all. */}
                {canRefresh && (
                  <td style={{ whiteSpace: 'nowrap' }}>
                    {isAdmin && (
                      <>
                        <button type="button" onClick={() => void runTest(h.id)} disabled={test.isPending}>
                          Test
                        </button>{' '}
                      </>
                    )}
                    {canRefresh && (
                      <button
                        type="button"
                        onClick={() => refresh.mutate({ id: h.id })}
                        disabled={refreshing}
                      >
                        {refreshing ? 'Refreshing…' : 'Refresh'}
                      </button>
                    )}
                    {isAdmin && (
                      <>
                        {' '}
                        <button
                          type="button"
                          aria-label={`Edit ${h.name}`}
                          aria-expanded={editingId === h.id}
                          onClick={(e) => {
                            editOpener.current = e.currentTarget;
                            setEditingId(h.id);
                          }}
                        >
                          Edit
                        </button>{' '}
                        <button
                          type="button"
                          onClick={() => {
                            if (window.confirm(`Remove ${h.name} from the inventory?`))
                              remove.mutate({ id: h.id });
                          }}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {isAdmin && editing && (
        <section className={styles.edit} data-testid="edit-host-section">
          <h3>Edit {editing.name}</h3>
          {/* Keyed: another host's Edit starts a fresh form, with that host's values. */}
          <AddHostForm key={editing.id} editing={editing} onClose={closeEdit} />
        </section>
      )}
      {/* Test (and the host-key trust it may offer) is an admin control. */}
      {isAdmin && tested && (
        <TestResult hostId={tested.id} outcome={tested.outcome} onTrusted={() => void runTest(tested.id)} />
      )}
      {test.error && <div className={styles.error}>{test.error.message}</div>}
      {refresh.error && <div className={styles.error}>{refresh.error.message}</div>}
      {refreshAll.error && <div className={styles.error}>{refreshAll.error.message}</div>}
      {remove.error && <div className={styles.error}>{remove.error.message}</div>}
    </>
  );
}
