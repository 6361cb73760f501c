export * from './canonical';
export * from './counters';
export * from './identity';
export * from './made';
export * from './schema';
