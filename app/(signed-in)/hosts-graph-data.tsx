import 'server-only';
import { defaultShouldDehydrateQuery, dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { hostsShown } from '@/components/graph/url-state';
import { pageQueries } from '@/server/trpc/page-queries';

/**
 * The hosts list and the stored models a hosts graph of `names` (null: every host) shows, sent
 * with the page: the graph is laid out as soon as the page has hydrated, instead of after the
 * list and then the models came back. The list (small) is awaited; the models are streamed: the
 * page's HTML and script go out at once and each model follows in the same answer when the
 * server has read it (a pending query is dehydrated with its promise, which the browser's query
 * then waits on). A model the server failed to read is asked again by the browser, as before.
 */
export async function WithHostsGraphData({
  names,
  children,
}: {
  names: string[] | null;
  children: ReactNode;
}) {
  const { queryClient, trpc } = await pageQueries();
  const list = trpc.hosts.list.queryOptions();
  await queryClient.prefetchQuery(list);
  const shown = hostsShown(queryClient.getQueryData(list.queryKey) ?? [], names);
  for (const h of shown) void queryClient.prefetchQuery(trpc.hosts.model.queryOptions({ id: h.id }));
  const state = dehydrate(queryClient, {
    shouldDehydrateQuery: (q) => defaultShouldDehydrateQuery(q) || q.state.status === 'pending',
  });
  return <HydrationBoundary state={state}>{children}</HydrationBoundary>;
}
