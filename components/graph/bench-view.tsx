'use client';
import { useMemo } from 'react';
import { syntheticHost } from '@/server/core/graph';
import { TopologyView } from './topology-view';

const NO_PARAMS = { select: null, vlan: null, q: '' };

/** A synthetic topology of about `nodes` nodes, for `npm run bench` (scripts/bench/graph.ts). */
export function BenchView({ nodes, collapse }: { nodes: number; collapse: boolean }) {
  const models = useMemo(() => [syntheticHost(nodes)], [nodes]);
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
