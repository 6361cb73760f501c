import type { PartError } from '@/server/core/model';

export const PARTIAL_READ = 'PARTIAL_READ';

/**
 * A read that came back with parts missing is not "ok" to an operator: the view would lack OVS or
 * routes without saying so. The refresh record carries this code and a one-line summary (the
 * first three parts and how many more), so the hosts page can say it where the status is.
 */
export function partialRead(errors: readonly PartError[]): { error: string; errorCode: string } | null {
  if (errors.length === 0) return null;
  const named = errors.slice(0, 3).map((e) => `${e.part}${e.arg ? ` ${e.arg}` : ''}: ${e.message}`);
  const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
  return {
    errorCode: PARTIAL_READ,
    error: `${errors.length} part${errors.length === 1 ? '' : 's'} could not be read (${named.join('; ')}${more})`,
  };
}
