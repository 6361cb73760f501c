import type { EditError } from '@/server/core/changes/edits';

/** Change-engine failures; `domain` + `code` are mapped to tRPC codes in server/trpc/errors.ts. */
export class ChangeError extends Error {
  readonly domain = 'changes';
  constructor(
    readonly code: 'INVALID_EDITS' | 'PLAN_NOT_FOUND' | 'RUN_NOT_FOUND' | 'BUSY',
    message: string,
    readonly edits: EditError[] = [],
  ) {
    super(message);
    this.name = 'ChangeError';
  }
}

/** One line per problem: `edit 2 (add-port) field tag: …`. */
export function describeEditErrors(errors: readonly EditError[]): string {
  return errors
    .map(
      (e) => `edit ${e.index}${e.op ? ` (${e.op})` : ''}${e.field ? ` field ${e.field}` : ''}: ${e.message}`,
    )
    .join('\n');
}
