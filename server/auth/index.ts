export { AuthError } from './errors';
export * from './roles';
export * from './schema';
export { AuthService, type AuthServiceOptions, type Origin, type Session, type SignedIn } from './service';
export { SqlAuthStore } from './sql-store';
export type { AuthStore } from './store';
