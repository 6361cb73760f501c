'use client';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { useMemo } from 'react';
import { z } from 'zod';
import { useSessionUser } from '@/components/session/session-context';
import { LaidOut, type LayoutRequest } from '@/server/core/layout';

const Answer = z.object({ result: z.object({ data: z.object({ laidOut: LaidOut }) }) });
const Refusal = z.object({ error: z.object({ message: z.string() }) });

/**
 * `layout.compute` in tRPC's HTTP format (the input POSTed as JSON; `result.data` or `error`
 * back), sent by `fetch` itself rather than the tRPC client: the client sends from a microtask,
 * which runs only once the page's current task is over, and the first layout is asked for
 * (elk-layout.ts prefetchLayout) at the start of the task that creates and fills Cytoscape
 * (~80 ms at 500 nodes) so that the answer travels meanwhile. Its answer is checked.
 */
export async function computeLayout(req: LayoutRequest): Promise<ElkNode> {
  const res = await fetch('/api/trpc/layout.compute', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
  });
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return Answer.parse(body).result.data.laidOut;
  const refusal = Refusal.safeParse(body);
  throw new Error(
    `layout.compute: ${res.status} ${refusal.success ? refusal.data.error.message : res.statusText}`,
  );
}

/**
 * The server's ELK for the canvas (layout.compute): warm, and its answers shared between browsers.
 * Only with a session (anyone signed in may ask); pages without one (share links, the example)
 * lay their graphs out in the browser's worker.
 */
export function useServerLayout(): ((req: LayoutRequest) => Promise<ElkNode>) | undefined {
  const user = useSessionUser();
  return useMemo(() => (user ? computeLayout : undefined), [user]);
}
