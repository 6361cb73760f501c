export * from './answer';
export * from './elk-input';
export * from './options';
export * from './request';
