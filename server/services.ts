import { AuditService, SqlAuditStore } from '@/server/audit';
import { AuthService, type AuthServiceOptions, SqlAuthStore } from '@/server/auth';
import { ChangeService, type ChangeServiceOptions, ChangeStore, type RunSnapshots } from '@/server/changes';
import type { HostModel } from '@/server/core/model';
import { HostService, type HostServiceOptions } from '@/server/hosts';
import { LayoutService, LayoutStore, warmUpRequest } from '@/server/layout';
import { SnapshotError, SnapshotScheduler, SnapshotService, SnapshotStore } from '@/server/snapshots';
import { SshPool } from '@/server/ssh';
import {
  databaseUrl,
  dataDir,
  type HostStore,
  lockDataDir,
  SecretBox,
  SqlHostStore,
  sharedDatabase,
} from '@/server/storage';
import type { Sql } from '@/server/storage/sql';

export interface Services {
  hostStore: HostStore;
  ssh: SshPool;
  hosts: HostService;
  auth: AuthService;
  audit: AuditService;
  changes: ChangeService;
  snapshots: SnapshotService;
  /** Scheduled snapshots; started by the server only (create), never by the CLI or tests. */
  scheduler: SnapshotScheduler;
  /** ELK for the canvas, its answers kept in the database; its thread starts on first use (warmed by the server at start). */
  layout: LayoutService;
}

const globalForServices = globalThis as typeof globalThis & { __patchbayServices?: Promise<Services> };

export interface ServiceOptions {
  ssh?: SshPool;
  hosts?: HostServiceOptions;
  auth?: AuthServiceOptions;
  changes?: ChangeServiceOptions;
}

/** Every service over one database and data directory (the server, the CLI and tests build them alike). */
export function createServices(db: Promise<Sql>, dir: string, opts: ServiceOptions = {}): Services {
  const hostStore = new SqlHostStore(db, SecretBox.openOrCreate(dir));
  const ssh = opts.ssh ?? new SshPool();
  const hosts = new HostService(hostStore, ssh, opts.hosts);
  // "Live" is a fresh read: each host is refreshed (its own deadline), then its new model used.
  const readLive = async (ids: string[]): Promise<HostModel[]> => {
    const results = await Promise.all(ids.map((id) => hosts.refresh(id)));
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok)
      throw new SnapshotError('NO_MODEL', `${failed.name} could not be read: ${failed.error.message}`);
    return Promise.all(
      ids.map(async (id) => {
        const read = await hosts.model(id);
        if (!read) throw new SnapshotError('NO_MODEL', `host ${id} has no model after its refresh`);
        return read.model;
      }),
    );
  };
  const snapshotStore = new SnapshotStore(db);
  const snapshots = new SnapshotService(hostStore, snapshotStore, { readLive });
  const runSnapshots: RunSnapshots = {
    async take(hostId, phase, runId, who) {
      const [model] = await readLive([hostId]);
      if (!model) return;
      await snapshots.save([model], [hostId], {
        name: `${phase} apply ${runId.slice(0, 8)}`,
        who,
        source: phase === 'before' ? 'before-apply' : 'after-apply',
        runId,
      });
    },
  };
  return {
    hostStore,
    ssh,
    hosts,
    auth: new AuthService(new SqlAuthStore(db), opts.auth),
    audit: new AuditService(new SqlAuditStore(db)),
    changes: new ChangeService(hostStore, ssh, new ChangeStore(db), {
      snapshots: runSnapshots,
      ...opts.changes,
    }),
    snapshots,
    scheduler: new SnapshotScheduler(snapshotStore, snapshots, { readLive }),
    layout: new LayoutService({ keeper: new LayoutStore(db) }),
  };
}

async function create(): Promise<Services> {
  const dir = dataDir();
  // The CLI's `patchbay user` refuses to open an embedded database while the server holds it; a
  // PostgreSQL server (team mode) is shared by any number of Patchbay processes.
  if (!databaseUrl()) lockDataDir(dir, 'the Patchbay server');
  const db = sharedDatabase(dir);
  const services = createServices(db, dir);
  // ELK's first layouts run cold code (several times slower): pay that now, not in an operator's
  // view, in its own thread while the database opens on the other core.
  void services.layout.warm(warmUpRequest());
  try {
    await db;
    await services.changes.recoverInterrupted();
  } catch (e) {
    await services.layout.close();
    throw e;
  }
  services.scheduler.start();
  return services;
}

/** Process-wide singletons on globalThis (Next.js may evaluate this module more than once). */
export function getServices(): Promise<Services> {
  globalForServices.__patchbayServices ??= create().catch((err) => {
    globalForServices.__patchbayServices = undefined;
    throw err;
  });
  return globalForServices.__patchbayServices;
}
