export * from './errors';
export { planRestore } from './restore';
export { SnapshotScheduler } from './scheduler';
export * from './schema';
export {
  type Comparison,
  type SaveMeta,
  type SharedView,
  SnapshotService,
  type SnapshotView,
} from './service';
export { type ShareLink, type SnapshotMeta, SnapshotStore } from './store';
