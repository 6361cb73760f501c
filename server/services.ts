import type { PGlite } from '@electric-sql/pglite';
import { AuditService, PgliteAuditStore } from '@/server/audit';
import { AuthService, type AuthServiceOptions, PgliteAuthStore } from '@/server/auth';
import { ChangeService, type ChangeServiceOptions, ChangeStore } from '@/server/changes';
import { HostService, type HostServiceOptions } from '@/server/hosts';
import { SshPool } from '@/server/ssh';
import {
  dataDir,
  type HostStore,
  lockDataDir,
  PgliteHostStore,
  SecretBox,
  sharedDatabase,
} from '@/server/storage';

export interface Services {
  hostStore: HostStore;
  ssh: SshPool;
  hosts: HostService;
  auth: AuthService;
  audit: AuditService;
  changes: ChangeService;
}

const globalForServices = globalThis as typeof globalThis & { __patchbayServices?: Promise<Services> };

export interface ServiceOptions {
  ssh?: SshPool;
  hosts?: HostServiceOptions;
  auth?: AuthServiceOptions;
  changes?: ChangeServiceOptions;
}

/** Every service over one database and data directory (the server, the CLI and tests build them alike). */
export function createServices(db: Promise<PGlite>, dir: string, opts: ServiceOptions = {}): Services {
  const hostStore = new PgliteHostStore(db, SecretBox.openOrCreate(dir));
  const ssh = opts.ssh ?? new SshPool();
  return {
    hostStore,
    ssh,
    hosts: new HostService(hostStore, ssh, opts.hosts),
    auth: new AuthService(new PgliteAuthStore(db), opts.auth),
    audit: new AuditService(new PgliteAuditStore(db)),
    changes: new ChangeService(hostStore, ssh, new ChangeStore(db), opts.changes),
  };
}

async function create(): Promise<Services> {
  const dir = dataDir();
  // The CLI's `patchbay user` refuses to open the database while the server holds it.
  lockDataDir(dir, 'the Patchbay server');
  const db = sharedDatabase(dir);
  await db;
  const services = createServices(db, dir);
  await services.changes.recoverInterrupted();
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
