'use client';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { readState } from '@/components/hosts/read-health';
import { useHydrated } from '@/components/layout/use-hydrated';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import type { HostModel } from '@/server/core/model';
import { type HostEntry, HostNotices, UnreadHosts } from './host-notices';
import { TopologyView } from './topology-view';
import { hostsShown } from './url-state';

type KnownHost = { name: string; addresses: string[] };

import styles from './topology-view.module.css';

const INTERVAL_KEY = 'patchbay:refresh-ms';

export interface HostsGraphProps {
  /** Host names to show; null = every host in the inventory. */
  names: string[] | null;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}

/**
 * Loads the stored models of a set of hosts and shows them side by side, each with the age and
 * health of its read (host-notices.tsx). A host that cannot be read shows why (with what to do
 * and Retry) while the others still render; hosts never read, or last read longer ago than
 * STALE_AFTER_MS, are read once on open. Each host's model is shown as soon as its own refresh
 * returns. Refreshing needs the operator role: a viewer gets no refresh controls, no auto-refresh
 * and no read on open (each would only be refused), just the stored models and their ages.
 */
export function HostsGraph({ names, initial, testHandle }: HostsGraphProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canRefresh = useCan('operator');
  const canAddHosts = useCan('admin');
  const list = useQuery(trpc.hosts.list.queryOptions());
  // The page brings the list and the models (app/(signed-in)/hosts-graph-data.tsx), but the
  // server renders the graph as loading and the browser hydrates that: the data is used from the
  // render after hydration, so nothing in the server's HTML (ages, local times) is contradicted.
  const hydrated = useHydrated();
  const listData = hydrated ? list.data : undefined;
  const hosts = useMemo(() => hostsShown(listData ?? [], names), [listData, names]);
  // The rest of the inventory, by the address Patchbay reaches each at: a tunnel to it names it.
  // Kept by value: the list is refetched after every refresh, and a new array would rebuild the graph.
  const knownKey = JSON.stringify(
    (listData ?? []).filter((h) => !hosts.includes(h)).map((h) => ({ name: h.name, addresses: [h.address] })),
  );
  const knownHosts = useMemo(() => JSON.parse(knownKey) as KnownHost[], [knownKey]);
  const missing = names === null || !listData ? [] : names.filter((n) => !listData.some((h) => h.name === n));

  const modelQueries = useQueries({
    queries: hosts.map((h) => trpc.hosts.model.queryOptions({ id: h.id })),
  });
  // `mutateAsync` is stable across renders (the mutation's state is not), so `refresh` is too.
  const { mutateAsync: refreshHost } = useMutation(trpc.hosts.refresh.mutationOptions());
  // Hosts being read; a host already being read is not asked again (an auto-refresh tick while a
  // host that does not answer is still timing out).
  const inFlight = useRef(new Set<string>());
  const [reading, setReading] = useState<ReadonlySet<string>>(() => new Set());
  const [requestErrors, setRequestErrors] = useState<ReadonlyMap<string, string>>(() => new Map());
  const busy = reading.size > 0;

  // Each host on its own: its model and its row of the host list are reloaded as soon as its
  // refresh returns, so a host that does not answer holds back none of the others.
  const refresh = useCallback(
    (ids: string[]) => {
      const readOne = async (id: string) => {
        let requestError: string | null = null;
        try {
          await refreshHost({ id });
        } catch (err) {
          requestError = errorMessage(err);
        }
        setRequestErrors((m) => {
          const next = new Map(m);
          if (requestError) next.set(id, requestError);
          else next.delete(id);
          return next;
        });
        try {
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: trpc.hosts.model.queryKey({ id }) }),
            queryClient.invalidateQueries({ queryKey: trpc.hosts.list.queryKey() }),
          ]);
        } finally {
          inFlight.current.delete(id);
          setReading(new Set(inFlight.current));
        }
      };
      for (const id of ids) {
        if (inFlight.current.has(id)) continue;
        inFlight.current.add(id);
        setReading(new Set(inFlight.current));
        void readOne(id);
      }
    },
    [refreshHost, queryClient, trpc],
  );

  // Hosts never collected, and hosts last read (or tried) longer ago than the stale threshold,
  // are read once when the view opens.
  const autoRefreshed = useRef(new Set<string>());
  useEffect(() => {
    if (!canRefresh) return;
    const now = Date.now();
    const due = hosts.filter((h, i) => {
      const q = modelQueries[i];
      if (!q?.isSuccess || autoRefreshed.current.has(h.id)) return false;
      return readState({ lastRefresh: h.lastRefresh, collectedAt: q.data?.collectedAt ?? null, now })
        .dueForRefresh;
    });
    for (const h of due) autoRefreshed.current.add(h.id);
    refresh(due.map((h) => h.id));
  }, [hosts, modelQueries, refresh, canRefresh]);

  const [intervalMs, setIntervalMsState] = useState(0);
  useEffect(() => setIntervalMsState(Number(window.localStorage.getItem(INTERVAL_KEY) ?? 0) || 0), []);
  const setIntervalMs = (ms: number) => {
    window.localStorage.setItem(INTERVAL_KEY, String(ms));
    setIntervalMsState(ms);
  };
  const ids = hosts.map((h) => h.id).join(',');
  useEffect(() => {
    if (!canRefresh || intervalMs <= 0 || !ids) return;
    const t = setInterval(() => refresh(ids.split(',')), intervalMs);
    return () => clearInterval(t);
  }, [canRefresh, intervalMs, ids, refresh]);

  // Stable array identity while no model changed, so the graph is not rebuilt on every render.
  const modelKey = modelQueries.map((q) => q.data?.model.collectedAt ?? '').join('|') + ids;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by collection times.
  const models = useMemo(
    () => modelQueries.map((q) => q.data?.model).filter((m): m is HostModel => m !== undefined),
    [modelKey],
  );

  // Edit mode is offered to operators viewing exactly one host.
  const only = hosts.length === 1 ? hosts[0] : undefined;
  const editor = useMemo(
    () =>
      canRefresh && only
        ? { hostId: only.id, hostName: only.name, onApplied: () => refresh([only.id]) }
        : undefined,
    [canRefresh, only, refresh],
  );

  const entries: HostEntry[] = hosts.map((h, i) => {
    const q = modelQueries[i];
    return {
      id: h.id,
      name: h.name,
      lastRefresh: h.lastRefresh,
      collectedAt: q?.isSuccess ? (q.data?.collectedAt ?? null) : undefined,
      loadError: q?.error ? q.error.message : null,
      reading: reading.has(h.id),
      requestError: requestErrors.get(h.id) ?? null,
    };
  });
  const retry = canRefresh ? (id: string) => refresh([id]) : undefined;

  const notices = (
    <>
      {list.error && (
        <div className={styles.hostError}>Could not load the host list: {list.error.message}</div>
      )}
      {missing.map((n) => (
        <div key={n} className={styles.hostError}>
          No host named {n} in the inventory.{' '}
          {canAddHosts ? <a href="/hosts">Add it on the Hosts page.</a> : 'An admin adds hosts.'}
        </div>
      ))}
      <HostNotices
        entries={entries}
        nothingDrawn={models.length === 0}
        canRefresh={canRefresh}
        {...(retry ? { onRetry: retry } : {})}
      />
    </>
  );

  return (
    <TopologyView
      models={models}
      knownHosts={knownHosts}
      urlHosts={names}
      initial={initial}
      notices={notices}
      {...(entries.some((e) => e.collectedAt === null)
        ? {
            empty: (
              <UnreadHosts entries={entries} canRefresh={canRefresh} {...(retry ? { onRetry: retry } : {})} />
            ),
          }
        : {})}
      loading={!hydrated || list.isPending || modelQueries.some((q) => q.isPending) || busy}
      refresh={
        canRefresh
          ? { onRefresh: () => refresh(hosts.map((h) => h.id)), busy, intervalMs, setIntervalMs }
          : undefined
      }
      editor={editor}
      {...(only ? { traceHostId: only.id } : {})}
      {...(canRefresh && hosts.length > 0
        ? { snapshot: { hostIds: hosts.map((h) => h.id), hostNames: hosts.map((h) => h.name) } }
        : {})}
      testHandle={testHandle}
    />
  );
}
