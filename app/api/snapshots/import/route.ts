import { allows } from '@/server/auth/roles';
import { getServices } from '@/server/services';
import { BodyTooLargeError, clientOf, readLimitedBody, sessionTokenFrom, webConfigFrom } from '@/server/web';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A snapshot file of a big host (10,000 flows) is megabytes: more than the API's 1 MiB cap. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const config = webConfigFrom(process.env);

/**
 * POST a snapshot file (JSON, any readable schemaVersion) to save it as a snapshot (operators).
 * Answers `{ id, name, migratedFrom }`, or 400 with `errors: [{ path, message }]` naming where in
 * the file each problem is; nothing is saved then.
 */
export async function POST(req: Request) {
  const services = await getServices();
  const session = await services.auth.session(sessionTokenFrom(req.headers.get('cookie')));
  if (!session) return Response.json({ error: 'sign in first' }, { status: 401 });
  if (!allows(session.user.role, 'operator'))
    return Response.json(
      { error: `importing a snapshot needs the operator role; ${session.user.name} is ${session.user.role}` },
      { status: 403 },
    );
  let body: Uint8Array | null;
  try {
    body = await readLimitedBody(req, MAX_IMPORT_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return Response.json({ error: err.message }, { status: 413 });
    throw err;
  }
  const text = body ? new TextDecoder().decode(body) : '';
  const record = (outcome: 'ok' | 'failed', detail: Record<string, unknown>) =>
    services.audit.record({
      actor: session.user.name,
      role: session.user.role,
      source: clientOf(req.headers, config).source,
      action: 'snapshots.import',
      target: null,
      outcome,
      detail: { bytes: text.length, ...detail },
    });
  try {
    const { meta, migratedFrom } = await services.snapshots.importFile(text, session.user.name);
    await record('ok', { id: meta.id, hosts: meta.hosts.length });
    return Response.json({ id: meta.id, name: meta.name, migratedFrom });
  } catch (err) {
    const e = err as Error & { domain?: string; code?: string; details?: unknown };
    if (e.domain !== 'snapshots') throw err;
    await record('failed', { error: e.message.slice(0, 500) });
    return Response.json({ error: e.message, errors: e.details ?? [] }, { status: 400 });
  }
}
