import { HostService } from '@/server/hosts';
import { SshPool } from '@/server/ssh';
import { dataDir, type HostStore, PgliteHostStore, SecretBox, sharedDatabase } from '@/server/storage';

export interface Services {
  hostStore: HostStore;
  ssh: SshPool;
  hosts: HostService;
}

const globalForServices = globalThis as typeof globalThis & { __patchbayServices?: Promise<Services> };

async function create(): Promise<Services> {
  const dir = dataDir();
  const db = sharedDatabase(dir);
  await db;
  const hostStore = new PgliteHostStore(db, SecretBox.openOrCreate(dir));
  const ssh = new SshPool();
  return { hostStore, ssh, hosts: new HostService(hostStore, ssh) };
}

/** Process-wide singletons on globalThis (Next.js may evaluate this module more than once). */
export function getServices(): Promise<Services> {
  globalForServices.__patchbayServices ??= create().catch((err) => {
    globalForServices.__patchbayServices = undefined;
    throw err;
  });
  return globalForServices.__patchbayServices;
}
