import { userInfo } from 'node:os';
import type { HostModel } from '@/server/core/model';
import { createServices } from '@/server/services';
import { databaseUrl, dataDir, lockDataDir, openDatabase } from '@/server/storage';

/**
 * `--save NAME`: into the server's database, as a snapshot of the inventory host of that name when
 * there is one. An embedded database is refused while the server holds it (its lock says so).
 */
export async function saveSnapshot(model: HostModel, name: string, note: string): Promise<string> {
  const dir = dataDir();
  const release = databaseUrl() ? () => {} : lockDataDir(dir, 'patchbay snapshot --save');
  const db = openDatabase(dir);
  try {
    const services = createServices(db, dir);
    const host = (await services.hosts.list()).find((h) => h.name === model.host);
    const meta = await services.snapshots.save([model], [host?.id ?? null], {
      name,
      note,
      who: `cli:${userInfo().username}`,
      source: 'cli',
    });
    return `saved snapshot "${meta.name}" (${meta.id})`;
  } finally {
    await (await db).close();
    release();
  }
}
