export { AuthError } from './errors';
export { PgliteAuthStore } from './pglite-store';
export * from './roles';
export * from './schema';
export { AuthService, type AuthServiceOptions, type Origin, type Session, type SignedIn } from './service';
export type { AuthStore } from './store';
