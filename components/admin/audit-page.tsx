'use client';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import styles from './admin.module.css';
import { AuditTable } from './audit-table';

const PAGE_SIZE = 100;

/** Suggestions for the action filter (the audited procedures); actions seen on the page join them. */
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.setup',
  'auth.changePassword',
  'users.add',
  'users.setRole',
  'users.resetPassword',
  'users.remove',
  'hosts.add',
  'hosts.update',
  'hosts.remove',
  'hosts.test',
  'hosts.trustHostKey',
];

interface Filter {
  action: string;
  actor: string;
}

/**
 * `/admin/audit`: the log newest first, a page of 100 at a time. "Load older" asks for the entries
 * before the oldest one shown; each page is its own query, so they stay put while older ones load.
 */
export function AuditPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>({ action: '', actor: '' });
  // The `before` id of each loaded page; the first page has none (the newest entries).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);

  const pages = useQueries({
    queries: cursors.map((before) =>
      trpc.audit.list.queryOptions(
        {
          limit: PAGE_SIZE,
          ...(before !== undefined ? { before } : {}),
          ...(filter.action ? { action: filter.action } : {}),
          ...(filter.actor ? { actor: filter.actor } : {}),
        },
        // Refetching only the first page while older ones are shown would leave a gap between
        // them; the log is re-read from the top by the Refresh button instead.
        { refetchOnWindowFocus: false, refetchOnReconnect: false },
      ),
    ),
  });
  const entries = pages.flatMap((p) => p.data ?? []);
  const last = pages[pages.length - 1];
  const error = pages.find((p) => p.error)?.error;
  const hasOlder = last?.data?.length === PAGE_SIZE;
  const oldest = entries[entries.length - 1];
  const actions = useMemo(
    () => [...new Set([...KNOWN_ACTIONS, ...entries.map((e) => e.action)])].sort(),
    [entries],
  );

  const applyFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFilter({
      action: String(form.get('action') ?? '').trim(),
      actor: String(form.get('actor') ?? '').trim(),
    });
    setCursors([undefined]);
  };
  const refresh = () => {
    setCursors([undefined]);
    void queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() });
  };

  return (
    <main className={styles.page}>
      <h1>Audit log</h1>
      <form className={styles.toolbar} onSubmit={applyFilter} aria-label="Filter audit log">
        <label>
          Action (exact)
          <input name="action" list="audit-actions" defaultValue={filter.action} placeholder="auth.login" />
          <datalist id="audit-actions">
            {actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          Actor (exact)
          <input name="actor" defaultValue={filter.actor} placeholder="admin" />
        </label>
        <button type="submit">Filter</button>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
        <span className={styles.spacer} />
        {/* A plain link: the session cookie goes along and the browser saves the file. */}
        <a href="/api/audit/export" download>
          Download JSON lines
        </a>
      </form>
      {error && <div className={styles.error}>Could not load the audit log: {errorMessage(error)}</div>}
      {pages[0]?.isPending && <p>Loading the audit log…</p>}
      {pages[0]?.data && entries.length === 0 && (
        <p>No entries{filter.action || filter.actor ? ' match' : ''}.</p>
      )}
      {entries.length > 0 && <AuditTable entries={entries} />}
      {hasOlder && oldest && (
        <p className={styles.more}>
          <button
            type="button"
            disabled={last?.isFetching}
            onClick={() => setCursors((c) => [...c, oldest.id])}
          >
            Load older
          </button>
        </p>
      )}
      {last?.isPending && cursors.length > 1 && <p>Loading older entries…</p>}
    </main>
  );
}
