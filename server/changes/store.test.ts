import { PGlite } from '@electric-sql/pglite';
import { pgliteSql } from '@/server/storage';
import { changeStoreSuite } from './store.suite';

changeStoreSuite('PGlite', async () => pgliteSql(new PGlite()));
