// `domain` + `code` identify these across bundles (server/trpc/errors.ts maps them to tRPC codes).
export type SnapshotErrorCode = 'NOT_FOUND' | 'INVALID_FILE' | 'INVALID_INPUT' | 'NO_MODEL';

export class SnapshotError extends Error {
  readonly domain = 'snapshots';
  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
