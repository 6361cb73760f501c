// `domain` + `code` identify these across bundles (server/trpc/errors.ts maps them to tRPC codes).
export class HostNotFoundError extends Error {
  readonly domain = 'hosts';
  readonly code = 'HOST_NOT_FOUND';
  constructor(readonly hostId: string) {
    super(`no host with id ${hostId}`);
  }
}

export class HostInputError extends Error {
  readonly domain = 'hosts';
  readonly code = 'HOST_INPUT_INVALID';
}

/** Too many connection tests of one endpoint; the router answers TOO_MANY_REQUESTS. */
export class HostRateLimitedError extends Error {
  readonly domain = 'hosts';
  readonly code = 'HOST_RATE_LIMITED';
  constructor(
    readonly endpoint: string,
    readonly retryAfterMs: number,
    limit: { max: number; windowMs: number },
  ) {
    super(
      `too many connection tests of ${endpoint} (at most ${limit.max} per ${Math.round(limit.windowMs / 1000)} s); retry in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`,
    );
  }
}
