'use client';
import { useQuery } from '@tanstack/react-query';
import { useHydrated } from '@/components/layout/use-hydrated';
import { useCan } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import type { HostModel } from '@/server/core/model';
import { ExampleView } from './example-view';
import { HostsGraph } from './hosts-graph';

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
  // Loading in the server's render and its hydration: the hosts graph waits for the browser.
  const hydrated = useHydrated();
  if (!hydrated || list.isPending) return <p style={{ padding: 16 }}>Loading hosts…</p>;
  if (list.data && list.data.length > 0) {
    return <HostsGraph names={null} initial={props.initial} testHandle={props.testHandle} />;
  }
  return (
    <ExampleView
      example={props.example}
      exampleLabel={props.exampleLabel}
      initial={props.initial}
      testHandle={props.testHandle}
      next={
        <>
          {canAddHosts ? (
            <>
              <a href="/hosts">Add a host</a> to see yours.
            </>
          ) : (
            'No hosts yet; an admin adds them.'
          )}
          {list.error ? ` (the host list could not be loaded: ${list.error.message})` : ''}
        </>
      }
    />
  );
}
