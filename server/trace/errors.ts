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
