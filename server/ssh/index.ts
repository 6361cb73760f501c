export * from './destination';
export * from './errors';
export * from './fingerprint';
export * from './host-key-policy';
export * from './known-hosts';
export { defaultPoolSettings, type PoolSettings, SshPool } from './pool';
export * from './quote';
export * from './types';
