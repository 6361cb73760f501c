import { pgliteSql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import { layoutStoreSuite } from './layout-store.suite';

layoutStoreSuite('PGlite', async () => pgliteSql(freshPglite()));
