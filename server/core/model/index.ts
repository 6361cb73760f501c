export * from './canonical';
export * from './identity';
export * from './schema';
