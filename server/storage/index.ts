export { ensurePrivateDataDir } from './data-dir';
export { databaseUrl, dataDir, openDatabase, postgresPool, sharedDatabase } from './db';
export * from './host-store';
export { DataDirBusyError, lockDataDir } from './lock';
export { migrate, orderMigrations } from './migrate';
export { MIGRATIONS, type Migration } from './migrations';
export { SecretBox } from './secret-box';
export { pgliteSql, postgresSql, type Sql, type SqlRunner } from './sql';
export { SqlHostStore } from './sql-host-store';
