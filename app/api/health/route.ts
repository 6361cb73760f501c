export const dynamic = 'force-dynamic';

/** Anonymous liveness check for monitors and reverse proxies: says nothing about hosts or users. */
export function GET() {
  return Response.json({ ok: true });
}
