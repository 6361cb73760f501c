import type { ExecOptions, ExecResult, SshPool, SshTarget } from '@/server/ssh';
import { HOST_DIR } from './apply-script';

/** Names of a run's files on the host; run ids are UUIDs, so nothing here comes from input. */
export const runFile = (runId: string, suffix: string): string => {
  if (!/^[A-Za-z0-9-]{8,64}$/.test(runId) || !/^[A-Za-z0-9.-]{1,20}$/.test(suffix))
    throw new Error('bad run file name');
  return `${HOST_DIR}/${runId}${suffix}`;
};

const write = (path: string) => `mkdir -p ${HOST_DIR} && chmod 700 ${HOST_DIR} && cat >${path}`;

/** Writes a file on the host (content on stdin: never part of a command line). */
export async function putFile(
  pool: SshPool,
  target: SshTarget,
  path: string,
  content: string,
): Promise<void> {
  const res = await pool.exec(target, write(path), { stdin: content, timeoutMs: 30_000 });
  if (res.code !== 0) throw new Error(`cannot write ${path} on ${target.name}: ${res.stderr.trim()}`);
}

/**
 * Writes a shell program on the host and runs it, in one exec: the file stays (a run's log and
 * undo are read from the host after a dropped session), and the program's stdin is at its end.
 */
export function putAndRun(
  pool: SshPool,
  target: SshTarget,
  path: string,
  content: string,
  opts: Omit<ExecOptions, 'stdin'>,
): Promise<ExecResult> {
  return pool.exec(target, `${write(path)} && exec sh ${path}`, { ...opts, stdin: content });
}
