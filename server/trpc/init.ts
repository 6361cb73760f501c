import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { type Access, allows } from '@/server/auth/roles';
import type { Context } from './context';
import { toTrpcError } from './errors';

export type { Context } from './context';

/**
 * Every procedure declares who may call it (`access`) and, when it changes something worth
 * remembering, the audit action it records. A procedure without `access` is refused at run time
 * and fails the role-matrix test, so nothing is ever open by omission.
 */
export interface Meta {
  access: Access;
  audit?: string;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    // The formatter below sends no stack; outside production tRPC would still read every
    // error's, which under vitest means source-mapping it (~8% of the API fuzz's CPU).
    isDev: false,
    // Validation failures reach the client as a flat, readable list rather than a zod dump;
    // internal errors say only where to look (the server log has the details).
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      return {
        ...shape,
        message: internal ? 'internal error; the server log has the details' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          validation: cause instanceof ZodError ? z.flattenError(cause) : null,
        },
      };
    },
  });

function targetOf(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null;
  const { id, name } = input as { id?: unknown; name?: unknown };
  const value = typeof id === 'string' ? id : typeof name === 'string' ? name : null;
  return value ? value.slice(0, 200) : null;
}

const authorize = t.middleware(async ({ ctx, meta, next, path, getRawInput }) => {
  const access = meta?.access;
  if (!access) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `${path} declares no access` });
  const user = ctx.session?.user ?? null;
  const audit = async (outcome: 'ok' | 'denied' | 'failed', extra: Record<string, unknown> = {}) => {
    if (!meta.audit) return;
    const input = await getRawInput().catch(() => undefined);
    await ctx.services.audit.record({
      actor: user?.name ?? 'anonymous',
      role: user?.role ?? null,
      source: ctx.request.source,
      action: meta.audit,
      target: targetOf(input),
      outcome,
      detail: { input, ...extra },
    });
  };
  if (!allows(user?.role ?? null, access)) {
    await audit('denied');
    throw new TRPCError(
      user
        ? { code: 'FORBIDDEN', message: `${path} needs the ${access} role; ${user.name} is ${user.role}` }
        : { code: 'UNAUTHORIZED', message: 'sign in first' },
    );
  }
  const result = await next();
  if (result.ok) {
    await audit('ok');
    return result;
  }
  // Service errors become their tRPC codes here, once, instead of in every router.
  const mapped = toTrpcError(result.error.cause);
  const error = mapped instanceof TRPCError ? mapped : result.error;
  await audit('failed', { error: error.code, message: error.message });
  if (mapped instanceof TRPCError) throw mapped;
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one way to declare a procedure: who may call it, and what the audit log calls it. */
export const procedure = (access: Access, audit?: string) =>
  t.procedure.meta(audit ? { access, audit } : { access }).use(authorize);

/** The caller's session in a procedure that requires one (the middleware already checked). */
export function sessionOf(ctx: Context): NonNullable<Context['session']> {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  return ctx.session;
}

export { TRPCError };
