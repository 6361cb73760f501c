/**
 * The second Patchbay server process of team.test.ts: its own services over the same PostgreSQL
 * database (DATABASE_URL) and data directory, driven by one command line:
 *   inspect SHARE_TOKEN   → prints what it sees (hosts, snapshots, the shared view's name)
 *   apply PLAN_ID         → starts the apply, prints {"runId"} at once, then {"outcome"} at the end
 * Each answer is one JSON line on stdout.
 */
import { createServices } from '@/server/services';
import { SshPool } from '@/server/ssh';
import { databaseUrl, openDatabase } from '@/server/storage';
import { LAB_KEY_DIRS } from './hosts';

const say = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

async function main(): Promise<void> {
  const [command, arg = ''] = process.argv.slice(2);
  const dir = process.env.PATCHBAY_DATA_DIR ?? '';
  const dbPromise = openDatabase(dir, databaseUrl());
  const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
  const services = createServices(dbPromise, dir, { ssh: pool, changes: { guardSeconds: 8 } });
  try {
    if (command === 'inspect') {
      say({
        hosts: (await services.hosts.list()).map((h) => h.name),
        snapshots: (await services.snapshots.list()).map((s) => s.name),
        shared: (await services.snapshots.openShare(arg)).snapshot.name,
      });
    } else if (command === 'apply') {
      const { runId } = await services.changes.apply(arg, 'peer');
      say({ runId });
      let outcome = '';
      for await (const e of services.changes.progress(runId)) if (e.phase === 'done') outcome = e.message;
      say({ outcome: (await services.changes.run(runId)).outcome, message: outcome });
    } else throw new Error(`unknown command ${command}`);
  } finally {
    pool.closeAll();
    await (await dbPromise).close();
  }
}

main().catch((err: unknown) => {
  say({ error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
