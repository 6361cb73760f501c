import { createHash, randomBytes } from 'node:crypto';

/** 256-bit random token, base64url (43 characters): session cookies and setup links. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored hashed: the database alone opens no session and completes no setup. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
