export * from './canonical';
export * from './constants';
export * from './counters';
export * from './identity';
export * from './made';
export * from './schema';
