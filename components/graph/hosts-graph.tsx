'use client';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { adviceFor } from '@/components/hosts/advice';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import type { HostModel } from '@/server/core/model';
import { TopologyView } from './topology-view';
import styles from './topology-view.module.css';

const INTERVAL_KEY = 'patchbay:refresh-ms';

export interface HostsGraphProps {
  /** Host names to show; null = every host in the inventory. */
  names: string[] | null;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}

/**
 * Loads the stored models of a set of hosts and shows them side by side. A host that cannot be
 * read shows why (with what to do) while the others still render; hosts never read are refreshed
 * once on open. Refreshing needs the operator role: a viewer gets no refresh controls, no auto-
 * refresh and no read on open (each would only be refused), just the stored models.
 */
export function HostsGraph({ names, initial, testHandle }: HostsGraphProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canRefresh = useCan('operator');
  const canAddHosts = useCan('admin');
  const list = useQuery(trpc.hosts.list.queryOptions());
  const hosts = useMemo(() => {
    const all = list.data ?? [];
    return names === null ? all : all.filter((h) => names.includes(h.name));
  }, [list.data, names]);
  const missing =
    names === null || !list.data ? [] : names.filter((n) => !list.data.some((h) => h.name === n));

  const modelQueries = useQueries({
    queries: hosts.map((h) => trpc.hosts.model.queryOptions({ id: h.id })),
  });
  const refreshOne = useMutation(trpc.hosts.refresh.mutationOptions());
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      setBusy(true);
      try {
        await Promise.allSettled(ids.map((id) => refreshOne.mutateAsync({ id })));
      } finally {
        await queryClient.invalidateQueries({ queryKey: trpc.hosts.pathKey() });
        setBusy(false);
      }
    },
    [refreshOne, queryClient, trpc],
  );

  // Hosts never collected are read once when the view opens.
  const autoRefreshed = useRef(new Set<string>());
  useEffect(() => {
    if (!canRefresh) return;
    const never = hosts.filter((_, i) => modelQueries[i]?.isSuccess && modelQueries[i]?.data === null);
    const todo = never.map((h) => h.id).filter((id) => !autoRefreshed.current.has(id));
    for (const id of todo) autoRefreshed.current.add(id);
    if (todo.length > 0) void refresh(todo);
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
    const t = setInterval(() => void refresh(ids.split(',')), intervalMs);
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
        ? { hostId: only.id, hostName: only.name, onApplied: () => void refresh([only.id]) }
        : undefined,
    [canRefresh, only, refresh],
  );

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
      {hosts.map((h, i) => {
        const q = modelQueries[i];
        const last = h.lastRefresh;
        if (q?.error)
          return (
            <div key={h.id} className={styles.hostError} data-testid="host-error">
              {h.name}: could not load its model: {q.error.message}
            </div>
          );
        if (last?.status === 'error')
          return (
            <div key={h.id} className={styles.hostError} data-testid="host-error">
              <strong>{h.name}</strong> could not be read at {new Date(last.at).toLocaleTimeString()}:{' '}
              {last.error}. {adviceFor(last.errorCode)}
              {q?.data ? ' The graph shows its last good read.' : ''}
            </div>
          );
        if (last?.status === 'ok' && last.errorCode)
          return (
            <div key={h.id} className={styles.hostError} data-testid="host-partial">
              <strong>{h.name}</strong> was read in part: {last.error}. {adviceFor(last.errorCode)}
            </div>
          );
        if (q?.data === null)
          return (
            <div key={h.id} className={styles.banner}>
              {h.name}:{' '}
              {canRefresh ? 'collecting its first read…' : 'not read yet; an operator can refresh it.'}
            </div>
          );
        return null;
      })}
    </>
  );

  return (
    <TopologyView
      models={models}
      urlHosts={names}
      initial={initial}
      notices={notices}
      loading={list.isPending || modelQueries.some((q) => q.isPending) || busy}
      refresh={
        canRefresh
          ? { onRefresh: () => void refresh(hosts.map((h) => h.id)), busy, intervalMs, setIntervalMs }
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
