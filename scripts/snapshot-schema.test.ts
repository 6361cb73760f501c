import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GET } from '@/app/schema/snapshot.json/route';
import { snapshotJsonSchema } from '@/server/core/snapshot-file/json-schema';
import { SNAPSHOT_SCHEMA_FILE } from './snapshot-schema';

describe('docs/snapshot.schema.json', () => {
  it('is what the snapshot file schemas generate (run npm run snapshot:schema after changing them)', () => {
    expect(JSON.parse(readFileSync(SNAPSHOT_SCHEMA_FILE, 'utf8'))).toEqual(snapshotJsonSchema());
  });
});

describe('GET /schema/snapshot.json', () => {
  it('serves the same schema as application/schema+json, cacheable, and 304 on a matching ETag', async () => {
    const res = GET(new Request('http://127.0.0.1/schema/snapshot.json'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/schema+json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await res.json()).toEqual(snapshotJsonSchema());
    const etag = res.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{8}"$/);
    const again = GET(
      new Request('http://127.0.0.1/schema/snapshot.json', { headers: { 'if-none-match': etag } }),
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });
});
