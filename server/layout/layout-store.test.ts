import { PGlite } from '@electric-sql/pglite';
import { pgliteSql } from '@/server/storage';
import { layoutStoreSuite } from './layout-store.suite';

layoutStoreSuite('PGlite', async () => pgliteSql(new PGlite()));
