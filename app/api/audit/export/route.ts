import { getServices } from '@/server/services';
import { sessionTokenFrom } from '@/server/web';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The whole audit log as JSON lines (admins only), streamed oldest first. */
export async function GET(req: Request) {
  const services = await getServices();
  const session = await services.auth.session(sessionTokenFrom(req.headers.get('cookie')));
  if (!session) return Response.json({ error: 'sign in first' }, { status: 401 });
  if (session.user.role !== 'admin')
    return Response.json(
      { error: `the audit log needs the admin role; ${session.user.name} is ${session.user.role}` },
      { status: 403 },
    );
  const lines = services.audit.exportLines();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="patchbay-audit-${day}.jsonl"`,
      'cache-control': 'no-store',
    },
  });
}
