'use client';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { useMemo } from 'react';
import { useSessionUser } from '@/components/session/session-context';
import { useTRPCClient } from '@/components/trpc/client';
import type { LayoutRequest } from '@/server/core/layout';

/**
 * The server's ELK for the canvas (layout.compute): warm, and its answers shared between browsers.
 * Only with a session (anyone signed in may ask); pages without one (share links, the example)
 * lay their graphs out in the browser's worker.
 */
export function useServerLayout(): ((req: LayoutRequest) => Promise<ElkNode>) | undefined {
  const user = useSessionUser();
  const client = useTRPCClient();
  return useMemo(
    () =>
      user ? (req: LayoutRequest) => client.layout.compute.mutate(req).then((r) => r.laidOut) : undefined,
    [user, client],
  );
}
