export * from './errors';
export * from './layout-service';
export * from './layout-store';
export * from './warm-up';
