import { TRPCError } from '@trpc/server';

/**
 * Service errors → tRPC codes; their messages are already safe to show (no secrets). Matched by
 * `domain` and `code`, not `instanceof`: Next.js bundles the instrumentation hook, pages and route
 * handlers separately, and the shared service singleton may come from another bundle's classes.
 */
const CODES: Record<string, TRPCError['code']> = {
  'auth:BAD_CREDENTIALS': 'UNAUTHORIZED',
  'auth:LOCKED': 'TOO_MANY_REQUESTS',
  'auth:SETUP_CLOSED': 'FORBIDDEN',
  'auth:NOT_FOUND': 'NOT_FOUND',
  'auth:CONFLICT': 'CONFLICT',
  'auth:LAST_ADMIN': 'CONFLICT',
  'hosts:HOST_NOT_FOUND': 'NOT_FOUND',
  'hosts:HOST_NAME_TAKEN': 'CONFLICT',
  'hosts:HOST_INPUT_INVALID': 'BAD_REQUEST',
  'hosts:HOST_RATE_LIMITED': 'TOO_MANY_REQUESTS',
  'changes:INVALID_EDITS': 'BAD_REQUEST',
  'changes:PLAN_NOT_FOUND': 'NOT_FOUND',
  'changes:RUN_NOT_FOUND': 'NOT_FOUND',
  'changes:BUSY': 'CONFLICT',
  'snapshots:NOT_FOUND': 'NOT_FOUND',
  'snapshots:INVALID_FILE': 'BAD_REQUEST',
  'snapshots:INVALID_INPUT': 'BAD_REQUEST',
  'snapshots:NO_MODEL': 'PRECONDITION_FAILED',
  'trace:INVALID_REQUEST': 'BAD_REQUEST',
  'trace:BRIDGE_NOT_FOUND': 'NOT_FOUND',
  'trace:BAD_FLOW': 'BAD_REQUEST',
  'trace:OVS_MISSING': 'PRECONDITION_FAILED',
  'trace:OVS_NOT_RUNNING': 'PRECONDITION_FAILED',
  'trace:PERMISSION_DENIED': 'PRECONDITION_FAILED',
  'trace:TRACE_FAILED': 'BAD_GATEWAY',
  'layout:BUSY': 'TOO_MANY_REQUESTS',
  // ELK refusing an input is about that input; the browser then lays it out itself.
  'layout:FAILED': 'UNPROCESSABLE_CONTENT',
};

export function toTrpcError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const { domain, code } = err as Error & { domain?: unknown; code?: unknown };
  const mapped = domain === 'ssh' ? 'BAD_GATEWAY' : CODES[`${String(domain)}:${String(code)}`];
  return mapped ? new TRPCError({ code: mapped, message: err.message, cause: err }) : err;
}
