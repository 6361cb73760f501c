import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface Blob {
  /** SHA-256 (hex) of the JSON: equal content, equal key, stored once. */
  hash: string;
  body: Buffer;
  /** Bytes of the JSON before compression. */
  size: number;
}

/** Content-addressed, gzipped JSON. The JSON must already be canonical (sorted) for dedup to work. */
export function encodeBlob(value: unknown): Blob {
  const json = Buffer.from(JSON.stringify(value));
  return { hash: createHash('sha256').update(json).digest('hex'), body: gzipSync(json), size: json.length };
}

export function decodeBlob(body: Uint8Array): unknown {
  return JSON.parse(gunzipSync(body).toString('utf8'));
}
