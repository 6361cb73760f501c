import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/routers/_app';
import { BodyTooLargeError, MAX_BATCH_SIZE, readLimitedBody } from '@/server/web';

// Host refreshes run root commands over SSH: never cache, always run on the Node runtime.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function handler(req: Request) {
  let body: Uint8Array<ArrayBuffer> | null = null;
  try {
    body = req.method === 'POST' ? await readLimitedBody(req) : null;
  } catch (err) {
    if (err instanceof BodyTooLargeError) return Response.json({ error: err.message }, { status: 413 });
    throw err;
  }
  // The body is read once under the cap; tRPC parses the copy.
  const limited = new Request(req.url, { method: req.method, headers: req.headers, body });
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: limited,
    router: appRouter,
    createContext,
    maxBatchSize: MAX_BATCH_SIZE,
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        console.error(`patchbay: ${path ?? '?'} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
