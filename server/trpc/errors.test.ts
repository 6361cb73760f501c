import type { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { AuthError } from '@/server/auth';
import { HostNotFoundError } from '@/server/hosts';
import { SshTimeoutError } from '@/server/ssh';
import { toTrpcError } from './errors';

/** An error as another bundle's copy of a class makes it: same fields, different prototype. */
const foreign = (domain: string, code: string, message: string) =>
  Object.assign(new Error(message), { domain, code });

describe('toTrpcError', () => {
  it('maps service errors by domain and code, whichever bundle made them', () => {
    expect((toTrpcError(new HostNotFoundError('x')) as TRPCError).code).toBe('NOT_FOUND');
    expect((toTrpcError(foreign('hosts', 'HOST_NOT_FOUND', 'no host')) as TRPCError).code).toBe('NOT_FOUND');
    expect((toTrpcError(foreign('auth', 'BAD_CREDENTIALS', 'wrong')) as TRPCError).code).toBe('UNAUTHORIZED');
    expect((toTrpcError(new AuthError('LOCKED', 'wait')) as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    expect((toTrpcError(new SshTimeoutError('slow')) as TRPCError).code).toBe('BAD_GATEWAY');
    expect((toTrpcError(foreign('hosts', 'HOST_RATE_LIMITED', 'later')) as TRPCError).message).toBe('later');
  });
  it('leaves anything else alone (it becomes an internal error with no details)', () => {
    const plain = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    expect(toTrpcError(plain)).toBe(plain);
    expect(toTrpcError('text')).toBe('text');
  });
});
