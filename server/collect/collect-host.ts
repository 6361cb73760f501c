import type { HostModel } from '@/server/core/model';
import { parseCollection } from '@/server/core/parse-host';
import { type ExecOptions, SshError, type SshPool, type SshTarget } from '@/server/ssh';
import { COLLECT_SCRIPT } from './script';

export class CollectError extends SshError {
  override readonly code = 'COLLECT_FAILED';
}

export interface CollectResult {
  model: HostModel;
  /** Bytes of raw output received. */
  bytes: number;
  /** Wall time of the whole call (connect if needed + run + parse). */
  ms: number;
  execMs: number;
  parseMs: number;
}

/**
 * One SSH exec of the fixed read-only script (sent on stdin, so nothing is interpolated into a
 * command line), then the pure parser. The model keeps `host` as the inventory name.
 */
export async function collectHost(
  pool: SshPool,
  target: SshTarget,
  opts: Pick<ExecOptions, 'timeoutMs' | 'signal'> & { now?: () => Date } = {},
): Promise<CollectResult> {
  const started = performance.now();
  const result = await pool.exec(target, 'sh -s', { ...opts, stdin: COLLECT_SCRIPT });
  if (!result.stdout.includes('@@PATCHBAY:STREAM')) {
    const why = result.stderr.trim().split('\n')[0] || `exit status ${result.code}`;
    throw new CollectError(`the collection script did not run on ${target.name}: ${why}`);
  }
  const parseStarted = performance.now();
  const model = parseCollection(result.stdout, {
    host: target.name,
    collectedAt: (opts.now?.() ?? new Date()).toISOString(),
  });
  const done = performance.now();
  return { model, bytes: result.bytes, ms: done - started, execMs: result.ms, parseMs: done - parseStarted };
}
