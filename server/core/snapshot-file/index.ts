export { describeSnapshotErrors, MAX_ERRORS, type SnapshotFileError } from './errors';
export { toSnapshotFile } from './export';
export { type ReadSnapshotResult, readSnapshotFile } from './import';
export { snapshotJsonSchema } from './json-schema';
export * from './schema';
