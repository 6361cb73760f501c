/**
 * Team mode's storage: the store suites the unit tests run on PGlite, here on a real PostgreSQL
 * server (Debian's, a private cluster started by global-setup.ts) through `pg`, with the same
 * migrations (the adapter runs them as the server does with DATABASE_URL).
 */
import { changeStoreSuite } from '@/server/changes/store.suite';
import { layoutStoreSuite } from '@/server/layout/layout-store.suite';
import { snapshotSuite } from '@/server/snapshots/snapshots.suite';
import { postgresPool, postgresSql } from '@/server/storage';
import { hostStoreSuite } from '@/server/storage/host-store.suite';
import { freshPostgresUrl } from './postgres';

// The suites migrate the database themselves (openMigrated), as openDatabase does.
const open = async () => postgresSql(postgresPool(await freshPostgresUrl()));

hostStoreSuite('PostgreSQL', open);
snapshotSuite('PostgreSQL', open);
changeStoreSuite('PostgreSQL', open);
layoutStoreSuite('PostgreSQL', open);
