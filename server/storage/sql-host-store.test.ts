import { PGlite } from '@electric-sql/pglite';
import { hostStoreSuite } from './host-store.suite';
import { pgliteSql } from './sql';

hostStoreSuite('PGlite', async () => pgliteSql(new PGlite()));
