import { gunzipSync, gzipSync } from 'node:zlib';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { LaidOut } from '@/server/core/layout';
import type { Sql } from '@/server/storage/sql';

/** What LayoutService needs of a place that keeps answers beyond its own memory. */
export interface LayoutKeeper {
  /** The answer stored under `key`, or null (none, or one that no longer reads as an answer). */
  get(key: string): Promise<ElkNode | null>;
  put(key: string, laidOut: ElkNode): Promise<void>;
}

export interface LayoutStoreOptions {
  /** Answers kept, most recently used first (a 500-node answer is ~15 KB gzipped). */
  maxEntries?: number;
  /** An answer larger than this, gzipped, is not stored (it is still answered and kept in memory). */
  maxBytes?: number;
}

/**
 * ELK's answers in the database (the `layouts` table): they outlive a restart, so the first view
 * of a known host after one skips ELK's cold start, and every server on one PostgreSQL shares them.
 * Rows are checked when read (zod, LaidOut), like anything else that comes back from storage.
 */
export class LayoutStore implements LayoutKeeper {
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(
    private readonly db: Promise<Sql>,
    opts: LayoutStoreOptions = {},
  ) {
    this.maxEntries = opts.maxEntries ?? 256;
    this.maxBytes = opts.maxBytes ?? 1024 * 1024;
  }

  async get(key: string): Promise<ElkNode | null> {
    const db = await this.db;
    const { rows } = await db.query<{ body: Uint8Array }>(
      'UPDATE layouts SET used_at = clock_timestamp() WHERE key = $1 RETURNING body',
      [key],
    );
    const body = rows[0]?.body;
    if (!body) return null;
    const read = readAnswer(body);
    // A row that does not read as an answer (another build's shape, damage) is dropped, not served.
    if (!read) await db.query('DELETE FROM layouts WHERE key = $1', [key]);
    return read;
  }

  async put(key: string, laidOut: ElkNode): Promise<void> {
    const body = gzipSync(JSON.stringify(laidOut));
    if (body.length > this.maxBytes) return;
    await (await this.db).transaction(async (tx) => {
      await tx.query(
        `INSERT INTO layouts (key, body, used_at) VALUES ($1, $2, clock_timestamp())
         ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body, used_at = EXCLUDED.used_at`,
        [key, body],
      );
      await tx.query(
        'DELETE FROM layouts WHERE key IN (SELECT key FROM layouts ORDER BY used_at DESC, key OFFSET $1)',
        [this.maxEntries],
      );
    });
  }
}

function readAnswer(body: Uint8Array): ElkNode | null {
  try {
    const parsed = LaidOut.safeParse(JSON.parse(gunzipSync(body).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
