import type { Counters, TopologyModel } from '@/server/core/model';
import type { SnapshotSource } from '@/server/core/snapshot-file';
import type { Sql, SqlRunner } from '@/server/storage/sql';
import { compress, contentOf, decodeBlob } from './blobs';

export interface SnapshotMeta {
  id: string;
  name: string;
  note: string;
  who: string;
  takenAt: string;
  source: SnapshotSource;
  runId: string | null;
  hosts: { name: string; hostId: string | null; collectedAt: string; topologyHash: string }[];
}

export interface StoredHostPart {
  hostName: string;
  hostId: string | null;
  collectedAt: string;
  topology: TopologyModel;
  counters: Counters;
}

export interface StoredSnapshot extends SnapshotMeta {
  parts: StoredHostPart[];
}

export interface ShareLink {
  id: string;
  snapshotId: string;
  compareTo: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface SnapshotRow {
  id: string;
  name: string;
  note: string;
  who: string;
  taken_at: Date;
  source: SnapshotSource;
  run_id: string | null;
  hosts: { name: string; hostId: string | null; collectedAt: string; topologyHash: string }[] | null;
}

interface ShareRow {
  id: string;
  snapshot_id: string;
  compare_to: string | null;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

const toMeta = (r: SnapshotRow): SnapshotMeta => ({
  id: r.id,
  name: r.name,
  note: r.note,
  who: r.who,
  takenAt: iso(r.taken_at),
  source: r.source,
  runId: r.run_id,
  hosts: (r.hosts ?? []).map((h) => ({ ...h, collectedAt: iso(h.collectedAt) })),
});

const toShare = (r: ShareRow): ShareLink => ({
  id: r.id,
  snapshotId: r.snapshot_id,
  compareTo: r.compare_to,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  expiresAt: r.expires_at ? iso(r.expires_at) : null,
  revokedAt: r.revoked_at ? iso(r.revoked_at) : null,
});

// The hosts of each snapshot as one JSON array, in position order.
const SELECT_META = `
  SELECT s.*, (
    SELECT json_agg(json_build_object('name', h.host_name, 'hostId', h.host_id,
             'collectedAt', h.collected_at, 'topologyHash', h.topology_hash) ORDER BY h.position)
    FROM snapshot_hosts h WHERE h.snapshot_id = s.id) AS hosts
  FROM snapshots s`;

const RECENT_TOPOLOGIES = 8;

async function putBlob(tx: SqlRunner, value: unknown): Promise<string> {
  const { hash, json } = contentOf(value);
  const { rows } = await tx.query('SELECT 1 FROM blobs WHERE hash = $1', [hash]);
  if (rows.length === 0)
    await tx.query('INSERT INTO blobs (hash, body, size) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [
      hash,
      compress(json),
      json.length,
    ]);
  return hash;
}

/**
 * Snapshots and share links (plain PostgreSQL: PGlite or a server). A host's topology and its
 * counters are stored once per distinct content (blobs); a snapshot row points at them.
 */
export class SnapshotStore {
  /**
   * The last few topologies decoded, by hash: blobs never change, and opening or comparing
   * snapshots of one host decodes the same ones again (megabytes of JSON for a big host).
   */
  private readonly recent = new Map<string, unknown>();

  constructor(private readonly db: Promise<Sql>) {}

  private async topology(hash: string): Promise<unknown> {
    let value = this.recent.get(hash);
    if (value === undefined) {
      const { rows } = await (await this.db).query<{ body: Uint8Array }>(
        'SELECT body FROM blobs WHERE hash = $1',
        [hash],
      );
      if (!rows[0]) throw new Error(`snapshot blob ${hash} is missing`);
      value = decodeBlob(rows[0].body);
    }
    this.recent.delete(hash);
    this.recent.set(hash, value);
    while (this.recent.size > RECENT_TOPOLOGIES)
      this.recent.delete(this.recent.keys().next().value as string);
    return value;
  }

  async save(meta: Omit<SnapshotMeta, 'hosts'>, parts: StoredHostPart[]): Promise<void> {
    await (await this.db).transaction(async (tx) => {
      await tx.query(
        'INSERT INTO snapshots (id, name, note, who, taken_at, source, run_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [meta.id, meta.name, meta.note, meta.who, meta.takenAt, meta.source, meta.runId],
      );
      for (const [position, p] of parts.entries()) {
        const topologyHash = await putBlob(tx, p.topology);
        const countersHash = await putBlob(tx, p.counters);
        await tx.query(
          `INSERT INTO snapshot_hosts (snapshot_id, position, host_name, host_id, collected_at, topology_hash, counters_hash)
           VALUES ($1, $2, $3, (SELECT id FROM hosts WHERE id = $4), $5, $6, $7)`,
          [meta.id, position, p.hostName, p.hostId, p.collectedAt, topologyHash, countersHash],
        );
      }
    });
  }

  /** Newest first; with `hostName`, only snapshots holding that host (its history). */
  async list(opts: { hostName?: string; limit?: number } = {}): Promise<SnapshotMeta[]> {
    const params: unknown[] = [opts.limit ?? 200];
    const where = opts.hostName
      ? 'WHERE EXISTS (SELECT 1 FROM snapshot_hosts x WHERE x.snapshot_id = s.id AND x.host_name = $2)'
      : '';
    if (opts.hostName) params.push(opts.hostName);
    const { rows } = await (await this.db).query<SnapshotRow>(
      `${SELECT_META} ${where} ORDER BY s.taken_at DESC, s.id LIMIT $1`,
      params,
    );
    return rows.map(toMeta);
  }

  async meta(id: string): Promise<SnapshotMeta | null> {
    const { rows } = await (await this.db).query<SnapshotRow>(`${SELECT_META} WHERE s.id = $1`, [id]);
    return rows[0] ? toMeta(rows[0]) : null;
  }

  async get(id: string): Promise<StoredSnapshot | null> {
    const meta = await this.meta(id);
    if (!meta) return null;
    const { rows } = await (await this.db).query<{
      host_name: string;
      host_id: string | null;
      collected_at: Date;
      topology_hash: string;
      counters: Uint8Array | null;
    }>(
      `SELECT h.host_name, h.host_id, h.collected_at, h.topology_hash, c.body AS counters
       FROM snapshot_hosts h LEFT JOIN blobs c ON c.hash = h.counters_hash
       WHERE h.snapshot_id = $1 ORDER BY h.position`,
      [id],
    );
    const parts: StoredHostPart[] = [];
    for (const r of rows)
      parts.push({
        hostName: r.host_name,
        hostId: r.host_id,
        collectedAt: iso(r.collected_at),
        topology: (await this.topology(r.topology_hash)) as TopologyModel,
        counters: (r.counters ? decodeBlob(r.counters) : { flows: {}, interfaces: {} }) as Counters,
      });
    return { ...meta, parts };
  }

  async update(id: string, fields: { name: string; note: string }): Promise<boolean> {
    const { affected } = await (await this.db).query(
      'UPDATE snapshots SET name = $2, note = $3 WHERE id = $1',
      [id, fields.name, fields.note],
    );
    return affected > 0;
  }

  /** Deletes the snapshot, its links, and the blobs nothing else refers to. */
  async remove(id: string): Promise<boolean> {
    return (await this.db).transaction(async (tx) => {
      const { affected } = await tx.query('DELETE FROM snapshots WHERE id = $1', [id]);
      await tx.query(
        `DELETE FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM snapshot_hosts h WHERE h.topology_hash = b.hash OR h.counters_hash = b.hash)`,
      );
      return affected > 0;
    });
  }

  /**
   * What the snapshots take: `rows` = bytes of their rows and blobs (what one more snapshot
   * adds), `disk` = the tables with their indexes and TOAST as stored (pages of 8 KiB).
   */
  async size(): Promise<{ rows: number; disk: number }> {
    const { rows } = await (await this.db).query<{ rows: number; disk: number }>(
      `SELECT ((SELECT coalesce(sum(pg_column_size(s.*)), 0) FROM snapshots s)
             + (SELECT coalesce(sum(pg_column_size(h.*)), 0) FROM snapshot_hosts h)
             + (SELECT coalesce(sum(pg_column_size(b.*)), 0) FROM blobs b))::float8 AS rows,
              (pg_total_relation_size('snapshots') + pg_total_relation_size('snapshot_hosts')
             + pg_total_relation_size('blobs'))::float8 AS disk`,
    );
    return { rows: rows[0]?.rows ?? 0, disk: rows[0]?.disk ?? 0 };
  }

  /** Sets (or with null, removes) a host's schedule; the first snapshot is due one period from `now`. */
  async setSchedule(hostId: string, everyMinutes: number | null, now: Date): Promise<void> {
    const db = await this.db;
    if (everyMinutes === null) {
      await db.query('DELETE FROM snapshot_schedules WHERE host_id = $1', [hostId]);
      return;
    }
    await db.query(
      `INSERT INTO snapshot_schedules (host_id, every_minutes, next_at) VALUES ($1, $2, $3::timestamptz + make_interval(mins => $2))
       ON CONFLICT (host_id) DO UPDATE SET every_minutes = $2, next_at = $3::timestamptz + make_interval(mins => $2)`,
      [hostId, everyMinutes, now.toISOString()],
    );
  }

  async schedules(): Promise<{ hostId: string; everyMinutes: number; nextAt: string }[]> {
    const { rows } = await (await this.db).query<{ host_id: string; every_minutes: number; next_at: Date }>(
      'SELECT * FROM snapshot_schedules ORDER BY host_id',
    );
    return rows.map((r) => ({ hostId: r.host_id, everyMinutes: r.every_minutes, nextAt: iso(r.next_at) }));
  }

  /**
   * The hosts whose scheduled snapshot is due, each claimed by moving its next time on in the same
   * statement: a host is returned to one caller only, whichever server process asks.
   */
  async claimDue(now: Date): Promise<string[]> {
    const { rows } = await (await this.db).query<{ host_id: string }>(
      `UPDATE snapshot_schedules SET next_at = $1::timestamptz + make_interval(mins => every_minutes)
       WHERE next_at <= $1 RETURNING host_id`,
      [now.toISOString()],
    );
    return rows.map((r) => r.host_id);
  }

  async createShare(
    link: Omit<ShareLink, 'createdAt' | 'revokedAt'> & { tokenHash: string },
  ): Promise<ShareLink> {
    const { rows } = await (await this.db).query<ShareRow>(
      `INSERT INTO share_links (id, token_hash, snapshot_id, compare_to, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [link.id, link.tokenHash, link.snapshotId, link.compareTo, link.createdBy, link.expiresAt],
    );
    return toShare(rows[0] as ShareRow);
  }

  async shares(snapshotId: string): Promise<ShareLink[]> {
    const { rows } = await (await this.db).query<ShareRow>(
      'SELECT * FROM share_links WHERE snapshot_id = $1 OR compare_to = $1 ORDER BY created_at DESC',
      [snapshotId],
    );
    return rows.map(toShare);
  }

  async revokeShare(id: string, at: Date): Promise<boolean> {
    const { affected } = await (await this.db).query(
      'UPDATE share_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
      [id, at.toISOString()],
    );
    return affected > 0;
  }

  /** The link whose token hashes to `tokenHash`, only while it is neither revoked nor expired. */
  async activeShare(tokenHash: string, now: Date): Promise<ShareLink | null> {
    const { rows } = await (await this.db).query<ShareRow>(
      `SELECT * FROM share_links WHERE token_hash = $1 AND revoked_at IS NULL
       AND (expires_at IS NULL OR expires_at > $2)`,
      [tokenHash, now.toISOString()],
    );
    return rows[0] ? toShare(rows[0]) : null;
  }
}
