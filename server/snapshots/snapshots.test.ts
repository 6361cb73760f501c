import { PGlite } from '@electric-sql/pglite';
import { pgliteSql } from '@/server/storage';
import { snapshotSuite } from './snapshots.suite';

snapshotSuite('PGlite', async () => pgliteSql(new PGlite()));
