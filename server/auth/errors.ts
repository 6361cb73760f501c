/** Auth failures; messages are shown to the person signing in, so they say what to do. */
export class AuthError extends Error {
  readonly domain = 'auth';
  constructor(
    readonly code: 'BAD_CREDENTIALS' | 'LOCKED' | 'SETUP_CLOSED' | 'NOT_FOUND' | 'CONFLICT' | 'LAST_ADMIN',
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
