export * from './body-limit';
export * from './client';
export * from './config';
export * from './cookies';
export * from './request-guard';
export * from './security-headers';
