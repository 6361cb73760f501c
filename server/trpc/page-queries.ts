import 'server-only';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { currentSession } from '@/server/auth/page-session';
import { pageContextOf } from './context';
import { appRouter } from './routers/_app';

/**
 * The API's queries as a page's server render asks them: through the same procedures, access
 * checks and session as the browser's calls, into a QueryClient the page dehydrates into its
 * answer. The browser's queries then start with the data instead of asking for it after
 * hydration (a round trip each, one after another where one query needs another's answer).
 */
export async function pageQueries() {
  const queryClient = new QueryClient();
  const ctx = await pageContextOf(await headers(), await currentSession());
  return { queryClient, trpc: createTRPCOptionsProxy({ ctx, router: appRouter, queryClient }) };
}
