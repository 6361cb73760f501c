import { spawn } from 'node:child_process';

export type RunResult = { stdout: string; stderr: string; code: number };

/** Run a program (no shell) and collect its output; never throws for a non-zero exit. */
export function run(
  file: string,
  args: string[],
  opts: { input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr, code: code ?? (signal ? 128 : 1) }));
    // A child that exits without reading stdin must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Like `run` but throws with the command and its stderr when it fails. */
export async function runOk(file: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}) {
  const r = await run(file, args, opts);
  if (r.code !== 0)
    throw new Error(
      `${file} ${args.join(' ').slice(0, 200)} exited ${r.code}: ${(r.stderr || r.stdout).trim().slice(-2000)}`,
    );
  return r;
}
