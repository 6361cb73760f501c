import { randomUUID } from 'node:crypto';
import { newToken, tokenHash } from '@/server/auth/tokens';
import { countersOf, HostModel, joinCounters, topologyOf } from '@/server/core/model';
import {
  describeSnapshotErrors,
  readSnapshotFile,
  type SnapshotFile,
  type SnapshotSource,
  toSnapshotFile,
} from '@/server/core/snapshot-file';
import { compareModels, comparisonText, type HostComparison } from '@/server/core/snapshots/compare';
import type { HostStore } from '@/server/storage';
import { SnapshotError } from './errors';
import {
  type CompareInput,
  type CompareSide,
  type CreateShareInput,
  stripControl,
  type TakeSnapshotInput,
} from './schema';
import type { ShareLink, SnapshotMeta, SnapshotStore } from './store';

const RECENT_SNAPSHOTS = 8;

export interface SnapshotView {
  meta: SnapshotMeta;
  models: HostModel[];
}

export interface Comparison {
  hosts: HostComparison[];
  text: string;
}

/** What a share link opens: the snapshot, or the diff between two; never a live host or an address book. */
export interface SharedView {
  kind: 'snapshot' | 'diff';
  expiresAt: string | null;
  snapshot: { name: string; note: string; takenAt: string; source: SnapshotSource; models: HostModel[] };
  compareTo: {
    name: string;
    note: string;
    takenAt: string;
    source: SnapshotSource;
    models: HostModel[];
  } | null;
}

export interface SnapshotServiceOptions {
  now?: () => Date;
  /** Reads the hosts again (refresh) and returns their new models: the "live" side of a comparison. */
  readLive?: (hostIds: string[]) => Promise<HostModel[]>;
}

export interface SaveMeta {
  name: string;
  note?: string;
  who: string;
  source: SnapshotSource;
  runId?: string | null;
}

/**
 * Snapshots of hosts: taken from their latest reads (or given models: CLI, apply, import),
 * stored content-addressed, listed per host, compared with the change engine's structural diff,
 * and shared read-only through links whose tokens are kept only as hashes.
 */
export class SnapshotService {
  private readonly now: () => Date;
  /**
   * The models of the last few snapshots opened, by id. A snapshot's models never change (only its
   * name and note do), and the same ones are opened, compared and shared again and again; being
   * the same objects, the diff's per-model index is reused too.
   */
  private readonly recent = new Map<string, HostModel[]>();

  constructor(
    private readonly hosts: HostStore,
    private readonly store: SnapshotStore,
    private readonly opts: SnapshotServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Saves models as one snapshot; `hostIds[i]` links model i to its inventory host (null for imports). */
  async save(models: HostModel[], hostIds: (string | null)[], meta: SaveMeta): Promise<SnapshotMeta> {
    if (models.length === 0)
      throw new SnapshotError('INVALID_INPUT', 'a snapshot needs at least one host model');
    const id = randomUUID();
    await this.store.save(
      {
        id,
        name: meta.name,
        note: meta.note ?? '',
        who: meta.who,
        takenAt: this.now().toISOString(),
        source: meta.source,
        runId: meta.runId ?? null,
      },
      models.map((m, i) => ({
        hostName: m.host,
        hostId: hostIds[i] ?? null,
        collectedAt: m.collectedAt,
        topology: topologyOf(m),
        counters: countersOf(m),
      })),
    );
    return this.meta(id);
  }

  /** A snapshot of inventory hosts as last read (what the graph shows). */
  async take(
    input: TakeSnapshotInput,
    meta: { who: string; source?: SnapshotSource; runId?: string },
  ): Promise<SnapshotMeta> {
    const models = await Promise.all(input.hostIds.map((id) => this.latest(id)));
    return this.save(models, input.hostIds, {
      source: 'manual',
      ...meta,
      name: input.name,
      note: input.note,
    });
  }

  private async latest(hostId: string): Promise<HostModel> {
    const host = await this.hosts.get(hostId);
    if (!host) throw new SnapshotError('NOT_FOUND', `no host with id ${hostId}`);
    const stored = await this.hosts.getModel(hostId);
    const parsed = stored ? HostModel.safeParse(stored.model) : null;
    if (!parsed?.success)
      throw new SnapshotError(
        'NO_MODEL',
        `${host.name} has not been read yet: refresh it, then take the snapshot`,
      );
    return parsed.data;
  }

  async meta(id: string): Promise<SnapshotMeta> {
    const meta = await this.store.meta(id);
    if (!meta) throw new SnapshotError('NOT_FOUND', `no snapshot with id ${id}`);
    return meta;
  }

  list(hostName?: string): Promise<SnapshotMeta[]> {
    return this.store.list(hostName ? { hostName } : {});
  }

  async get(id: string): Promise<SnapshotView> {
    const cached = this.recent.get(id);
    if (cached) {
      this.recent.delete(id);
      this.recent.set(id, cached);
      return { meta: await this.meta(id), models: cached };
    }
    const stored = await this.store.get(id);
    if (!stored) throw new SnapshotError('NOT_FOUND', `no snapshot with id ${id}`);
    const { parts, ...meta } = stored;
    const models = parts.map((p) => joinCounters(p.topology, p.collectedAt, p.counters));
    this.recent.set(id, models);
    while (this.recent.size > RECENT_SNAPSHOTS) this.recent.delete(this.recent.keys().next().value as string);
    return { meta, models };
  }

  async update(id: string, fields: { name: string; note: string }): Promise<SnapshotMeta> {
    if (!(await this.store.update(id, fields)))
      throw new SnapshotError('NOT_FOUND', `no snapshot with id ${id}`);
    return this.meta(id);
  }

  async remove(id: string): Promise<void> {
    this.recent.delete(id);
    if (!(await this.store.remove(id))) throw new SnapshotError('NOT_FOUND', `no snapshot with id ${id}`);
  }

  private async side(side: CompareSide): Promise<HostModel[]> {
    if ('snapshotId' in side) return (await this.get(side.snapshotId)).models;
    if (!this.opts.readLive) throw new SnapshotError('INVALID_INPUT', 'live comparisons need a server');
    return this.opts.readLive(side.live);
  }

  async compare(input: CompareInput): Promise<Comparison> {
    const [from, to] = await Promise.all([this.side(input.from), this.side(input.to)]);
    const hosts = compareModels(from, to);
    return { hosts, text: comparisonText(hosts, { traffic: input.traffic }) };
  }

  /** A host's snapshot schedule (null removes it). */
  async setSchedule(hostId: string, everyMinutes: number | null): Promise<void> {
    if (!(await this.hosts.get(hostId))) throw new SnapshotError('NOT_FOUND', `no host with id ${hostId}`);
    await this.store.setSchedule(hostId, everyMinutes, this.now());
  }

  schedules(): Promise<{ hostId: string; everyMinutes: number; nextAt: string }[]> {
    return this.store.schedules();
  }

  /** The snapshot as a self-contained file (docs/snapshot-format.md). */
  async exportFile(id: string): Promise<SnapshotFile> {
    const { meta, models } = await this.get(id);
    return toSnapshotFile(
      { name: meta.name, note: meta.note, takenAt: meta.takenAt, takenBy: meta.who, source: meta.source },
      models,
    );
  }

  /**
   * Saves a snapshot file (any readable schemaVersion) as a snapshot of its own, linked to no
   * inventory host: opening it reaches none. A file that does not validate changes nothing.
   */
  async importFile(
    input: unknown,
    who: string,
  ): Promise<{ meta: SnapshotMeta; migratedFrom: number | null }> {
    const read = readSnapshotFile(input);
    if (!read.ok)
      throw new SnapshotError(
        'INVALID_FILE',
        `the file was not imported:\n${describeSnapshotErrors(read.errors)}`,
        read.errors,
      );
    const { file } = read;
    // Titles from elsewhere may carry control characters; PostgreSQL refuses NUL in text.
    const clean = stripControl;
    const meta = await this.save(
      file.hosts.map((h) => h.model),
      file.hosts.map(() => null),
      { name: clean(file.name).trim() || 'imported', note: clean(file.note), who, source: 'imported' },
    );
    return { meta, migratedFrom: read.migratedFrom };
  }

  /** A new link; its token is returned this once and stored only as a hash. */
  async createShare(
    input: CreateShareInput,
    who: string,
  ): Promise<{ link: ShareLink; token: string; path: string }> {
    await this.meta(input.snapshotId);
    if (input.compareTo) await this.meta(input.compareTo);
    const token = newToken();
    const expiresAt =
      input.expiresInHours === undefined
        ? null
        : new Date(this.now().getTime() + input.expiresInHours * 3_600_000).toISOString();
    const link = await this.store.createShare({
      id: randomUUID(),
      tokenHash: tokenHash(token),
      snapshotId: input.snapshotId,
      compareTo: input.compareTo ?? null,
      createdBy: who,
      expiresAt,
    });
    return { link, token, path: `/s/${token}` };
  }

  shares(snapshotId: string): Promise<ShareLink[]> {
    return this.store.shares(snapshotId);
  }

  async revokeShare(id: string): Promise<void> {
    if (!(await this.store.revokeShare(id, this.now())))
      throw new SnapshotError('NOT_FOUND', `no active share link with id ${id}`);
  }

  /** What a share token opens; unknown, revoked and expired tokens all answer the same NOT_FOUND. */
  async openShare(token: string): Promise<SharedView> {
    const link = await this.store.activeShare(tokenHash(token), this.now());
    if (!link) throw new SnapshotError('NOT_FOUND', 'this link does not exist, has expired or was revoked');
    const shown = async (id: string) => {
      const { meta, models } = await this.get(id);
      return { name: meta.name, note: meta.note, takenAt: meta.takenAt, source: meta.source, models };
    };
    return {
      kind: link.compareTo ? 'diff' : 'snapshot',
      expiresAt: link.expiresAt,
      snapshot: await shown(link.snapshotId),
      compareTo: link.compareTo ? await shown(link.compareTo) : null,
    };
  }
}
