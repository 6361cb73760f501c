export { ensurePrivateDataDir } from './data-dir';
export { dataDir, openDatabase, sharedDatabase } from './db';
export * from './host-store';
export { DataDirBusyError, lockDataDir } from './lock';
export { migrate, orderMigrations } from './migrate';
export { MIGRATIONS, type Migration } from './migrations';
export { PgliteHostStore } from './pglite-host-store';
export { SecretBox } from './secret-box';
