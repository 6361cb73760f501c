export * from './errors';
export * from './schema';
export { HostService, type HostServiceOptions, type RefreshResult, type TestResult } from './service';
export { targetOf } from './target';
export { toView } from './view';
