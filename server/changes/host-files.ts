import type { SshPool, SshTarget } from '@/server/ssh';
import { HOST_DIR } from './apply-script';

/** Names of a run's files on the host; run ids are UUIDs, so nothing here comes from input. */
export const runFile = (runId: string, suffix: string): string => {
  if (!/^[A-Za-z0-9-]{8,64}$/.test(runId) || !/^[A-Za-z0-9.-]{1,20}$/.test(suffix))
    throw new Error('bad run file name');
  return `${HOST_DIR}/${runId}${suffix}`;
};

/** Writes a file on the host (content on stdin: never part of a command line). */
export async function putFile(
  pool: SshPool,
  target: SshTarget,
  path: string,
  content: string,
): Promise<void> {
  const res = await pool.exec(target, `mkdir -p ${HOST_DIR} && chmod 700 ${HOST_DIR} && cat >${path}`, {
    stdin: content,
    timeoutMs: 30_000,
  });
  if (res.code !== 0) throw new Error(`cannot write ${path} on ${target.name}: ${res.stderr.trim()}`);
}
