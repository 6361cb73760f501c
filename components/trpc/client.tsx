'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { type ReactNode, useState } from 'react';
import type { AppRouter } from '@/server/trpc/routers/_app';
import { MAX_BATCH_SIZE } from '@/server/web/body-limit';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Procedures sent one HTTP request each (see the links below). */
const UNBATCHED = new Set(['hosts.refresh', 'layout.compute']);

function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } });
}

export function Providers({ children }: { children: ReactNode }) {
  // One QueryClient and one tRPC client per browser tab, kept across re-renders.
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions (an apply's progress) are server-sent events; the rest is batched HTTP,
        // but for a host refresh and a layout: a batch answers when its slowest call is done, so
        // one host that does not answer would hold back the models of every other host refreshed
        // with it, and a layout would wait on whatever it was batched with.
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url: '/api/trpc' }),
          false: splitLink({
            condition: (op) => UNBATCHED.has(op.path),
            true: httpLink({ url: '/api/trpc' }),
            false: httpBatchLink({ url: '/api/trpc', maxItems: MAX_BATCH_SIZE }),
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
