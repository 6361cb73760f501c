import type { z } from 'zod';

/** Why a trace could not run; `domain` + `code` are mapped to tRPC codes in server/trpc/errors.ts. */
export class TraceError extends Error {
  readonly domain = 'trace';
  constructor(
    readonly code:
      | 'INVALID_REQUEST'
      | 'BRIDGE_NOT_FOUND'
      | 'BAD_FLOW'
      | 'OVS_MISSING'
      | 'OVS_NOT_RUNNING'
      | 'PERMISSION_DENIED'
      | 'TRACE_FAILED',
    message: string,
  ) {
    super(message);
    this.name = 'TraceError';
  }
}

/** `input` checked against `schema`, or INVALID_REQUEST naming each refused field: nothing has run. */
export function validRequest<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) => `${i.path.map(String).join('.') || 'request'}: ${i.message}`,
  );
  throw new TraceError('INVALID_REQUEST', `the ${what} was refused, nothing was run: ${problems.join('; ')}`);
}
