/** Largest request body the API reads; a host with its credentials is a few KiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Calls per tRPC batch. Unbounded, one GET of `hosts.list` batched 1,000 times (a simple request
 * any page can send) ran the server out of heap. The client link batches at most this many.
 */
export const MAX_BATCH_SIZE = 16;

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${Math.round(limit / 1024)} KiB refused`);
  }
}

/**
 * The body read with a hard cap: a declared Content-Length over the cap is refused before
 * reading, and a chunked body is cut off the moment it passes the cap (never buffered whole).
 */
export async function readLimitedBody(
  req: Request,
  limit = MAX_BODY_BYTES,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw new BodyTooLargeError(limit);
  if (!req.body) return null;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}
