'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import type { HostModel } from '@/server/core/model';
import { exampleTitle } from './example-view';
import { HostsGraph } from './hosts-graph';
import { TopologyView } from './topology-view';

/** `/`: the user's hosts when there are any, else the bundled example topology. */
export function HomeView(props: {
  example: HostModel;
  exampleLabel: string;
  initial: { select: string | null; vlan: number | null; q: string };
  testHandle: boolean;
}) {
  const trpc = useTRPC();
  const canAddHosts = useCan('admin');
  const list = useQuery(trpc.hosts.list.queryOptions());
  const exampleModels = useMemo(() => [props.example], [props.example]);
  if (list.isPending) return <p style={{ padding: 16 }}>Loading hosts…</p>;
  if (list.data && list.data.length > 0) {
    return <HostsGraph names={null} initial={props.initial} testHandle={props.testHandle} />;
  }
  return (
    <TopologyView
      models={exampleModels}
      urlHosts={null}
      initial={props.initial}
      banner={
        <span data-testid="example-banner">
          {canAddHosts ? (
            <>
              {props.exampleLabel}. <a href="/hosts">Add a host</a>
            </>
          ) : (
            <>{exampleTitle(props.exampleLabel)}. No hosts yet; an admin adds them.</>
          )}
          {list.error ? ` (the host list could not be loaded: ${list.error.message})` : ''}
        </span>
      }
      testHandle={props.testHandle}
    />
  );
}
