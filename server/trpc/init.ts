import 'server-only';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { getServices, type Services } from '@/server/services';

export type Context = { services: Services };

export async function createContext(): Promise<Context> {
  return { services: await getServices() };
}

const t = initTRPC.context<Context>().create({
  // Validation failures reach the client as a flat, readable list rather than a zod dump.
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        validation: cause instanceof ZodError ? z.flattenError(cause) : null,
      },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
export { TRPCError };
