import { hash32 } from '@/server/core/model/identity';
import { snapshotJsonSchema } from '@/server/core/snapshot-file/json-schema';

export const dynamic = 'force-dynamic';

// Generated once per server process: it changes only when Patchbay itself does.
const body = JSON.stringify(snapshotJsonSchema(), null, 2);
const etag = `"${hash32(body)}"`;
const headers = {
  'content-type': 'application/schema+json',
  // Public and the same for everyone; after an hour clients revalidate cheaply with the ETag.
  'cache-control': 'public, max-age=3600',
  etag,
};

/**
 * The JSON Schema of a snapshot file (docs/snapshot-format.md), anonymous like /api/health: it
 * describes the format, never a host. Editors and other tools point `$schema` at this URL.
 */
export function GET(req: Request) {
  if (req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
