export * from './destination';
export * from './errors';
export * from './fingerprint';
export * from './host-key-policy';
export { defaultKeyDirs, type KeyDirs, MAX_KEY_BYTES, parseKeyDirs, readKeyFile } from './key-file';
export * from './known-hosts';
export { defaultPoolSettings, type PoolSettings, SshPool } from './pool';
export * from './quote';
export * from './types';
