'use client';
import { useEffect, useMemo, useState } from 'react';
import { useHydrated } from '@/components/layout/use-hydrated';
import { syntheticHost } from '@/server/core/graph';
import { TopologyView } from './topology-view';

const NO_PARAMS = { select: null, vlan: null, q: '' };

/**
 * A synthetic topology of about `nodes` nodes, for `npm run bench` (scripts/bench/graph.ts). Built
 * in the browser only, like /view's graph (whose models arrive after hydration): rendering it on
 * the server too took ~100 ms of server time at 5,000 nodes for markup the canvas replaces.
 */
export function BenchView({
  nodes,
  collapse,
  seed,
}: {
  nodes: number;
  collapse: boolean;
  seed: string | null;
}) {
  const name = seed ? `synthetic-${nodes}-${seed}` : `synthetic-${nodes}`;
  const hydrated = useHydrated();
  // `grow` (the bench's refresh): the same host with a tenant more. syntheticHost adds one tenant
  // per ~3 nodes and keeps every existing id while the bridge count stays.
  const [grown, setGrown] = useState(0);
  useEffect(() => {
    window.__patchbayBench = { grow: () => setGrown((g) => g + 1) };
    return () => {
      delete window.__patchbayBench;
    };
  }, []);
  const models = useMemo(
    () => (hydrated ? [syntheticHost(nodes + Math.ceil(3.02 * grown), name)] : []),
    [hydrated, nodes, grown, name],
  );
  if (!hydrated) return null;
  return (
    <TopologyView
      models={models}
      urlHosts={null}
      initial={NO_PARAMS}
      autoCollapse={collapse}
      banner={`Synthetic topology, ${nodes} nodes${collapse ? ' (big hosts collapsed)' : ''}`}
      testHandle
    />
  );
}
