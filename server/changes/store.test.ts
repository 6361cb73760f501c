import { pgliteSql } from '@/server/storage';
import { freshPglite } from '@/server/storage/test-pglite';
import { changeStoreSuite } from './store.suite';

changeStoreSuite('PGlite', async () => pgliteSql(freshPglite()));
