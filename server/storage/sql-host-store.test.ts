import { hostStoreSuite } from './host-store.suite';
import { pgliteSql } from './sql';
import { freshPglite } from './test-pglite';

hostStoreSuite('PGlite', async () => pgliteSql(freshPglite()));
