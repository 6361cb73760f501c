import { shJoin } from '@/server/core/changes/shell-quote';
import type { HostModel } from '@/server/core/model';
import { parseCollection, type ReadScope } from '@/server/core/parse-host';
import { type ExecOptions, SshError, type SshPool, type SshTarget } from '@/server/ssh';
import { COLLECT_SCRIPT, SCOPED_SCRIPT } from './script';

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

const READ_END = '@@PATCHBAY:READ-END@@';
const STREAM_HEADER = '@@PATCHBAY:STREAM';

/** The scoped script's arguments: `ovsdb`, `flows:BR`, `netns`, `ns:NAME` (quoted by shJoin). */
const scopeArgs = (s: ReadScope): string[] => [
  ...(s.ovsdb ? ['ovsdb'] : []),
  ...s.flows.map((b) => `flows:${b}`),
  ...(s.netns ? ['netns'] : []),
  ...s.namespaces.map((n) => `ns:${n}`),
];

/**
 * The scoped read as a shell snippet for a program that runs on the host anyway (the apply reads
 * the host for its verify at the end of its own run, saving a round trip): the fixed script in a
 * quoted here-document, the scope as quoted arguments.
 */
export function scopedReadSnippet(scope: ReadScope): string {
  if (SCOPED_SCRIPT.includes(READ_END)) throw new Error('the scoped script holds its own delimiter');
  return `${shJoin(['sh', '-s', '--', ...scopeArgs(scope)])} <<'${READ_END}'\n${SCOPED_SCRIPT}${READ_END}`;
}

/** The model of a scoped read's output (from collectHost, or found in a longer output). */
export function scopedModel(stdout: string, host: string, scope: ReadScope, now = new Date()): HostModel {
  const at = stdout.indexOf(STREAM_HEADER);
  return parseCollection(stdout.slice(Math.max(0, at)), { host, collectedAt: now.toISOString() }, scope);
}

/**
 * One SSH exec of the fixed read-only script (sent on stdin, so nothing is interpolated into a
 * command line), then the pure parser. The model keeps `host` as the inventory name. With a
 * scope, only those parts are read (the change engine's checks): a partial model.
 */
export async function collectHost(
  pool: SshPool,
  target: SshTarget,
  opts: Pick<ExecOptions, 'timeoutMs' | 'signal'> & { now?: () => Date; scope?: ReadScope } = {},
): Promise<CollectResult> {
  const started = performance.now();
  const { scope, now, ...exec } = opts;
  const result = scope
    ? await pool.exec(target, shJoin(['sh', '-s', '--', ...scopeArgs(scope)]), {
        ...exec,
        stdin: SCOPED_SCRIPT,
      })
    : await pool.exec(target, 'sh -s', { ...exec, stdin: COLLECT_SCRIPT });
  if (!result.stdout.includes(STREAM_HEADER)) {
    const why = result.stderr.trim().split('\n')[0] || `exit status ${result.code}`;
    throw new CollectError(`the collection script did not run on ${target.name}: ${why}`);
  }
  const parseStarted = performance.now();
  const model = parseCollection(
    result.stdout,
    { host: target.name, collectedAt: (now?.() ?? new Date()).toISOString() },
    scope,
  );
  const done = performance.now();
  return { model, bytes: result.bytes, ms: done - started, execMs: result.ms, parseMs: done - parseStarted };
}
