export * from './errors';
export * from './layout-service';
export * from './warm-up';
