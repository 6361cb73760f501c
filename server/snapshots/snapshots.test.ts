import { pgliteSql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import { snapshotSuite } from './snapshots.suite';

snapshotSuite('PGlite', async () => pgliteSql(freshPglite()));
