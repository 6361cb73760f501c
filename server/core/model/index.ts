export * from './canonical';
export * from './identity';
export * from './made';
export * from './schema';
