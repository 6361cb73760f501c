import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface Content {
  /** SHA-256 (hex) of the JSON: equal content, equal key, stored once. */
  hash: string;
  json: Buffer;
}

/** The content's key. The JSON must already be canonical (sorted) for equal content to share it. */
export function contentOf(value: unknown): Content {
  const json = Buffer.from(JSON.stringify(value));
  return { hash: createHash('sha256').update(json).digest('hex'), json };
}

/** Compressed only when it is stored: a repeated snapshot of an unchanged host skips it. */
export const compress = (json: Buffer): Buffer => gzipSync(json);

export function decodeBlob(body: Uint8Array): unknown {
  return JSON.parse(gunzipSync(body).toString('utf8'));
}
