import type { ClientChannel } from 'ssh2';
import type { Connection } from './connect';
import { SshConnectError, SshError, SudoPasswordRequiredError } from './errors';
import { isSudoPasswordPrompt, wrapCommand } from './quote';
import type { ExecResult, SshTarget } from './types';

/** The pooled session was gone before the command started: the caller may reconnect once. */
export class StaleSessionError extends SshConnectError {}

/** ssh2 errors meaning the session is gone (as opposed to a refused channel on a live session). */
const isDeadSession = (err: Error) =>
  /Not connected|No response from server|socket|ECONNRESET/i.test(err.message);

/** What one command's channel gets besides the command: its input, its stop, its listeners. */
export interface ChannelIo {
  stdin: string | Buffer | undefined;
  signal: AbortSignal;
  /** The session is gone (not just this channel refused): the pool drops it. */
  onDead: () => void;
  /** Stdout as it arrives (an apply's progress), besides the whole in the result. */
  onStdout?: ((chunk: string) => void) | undefined;
}

/** Run one command on a session; non-root users with `useSudo` run it via `sudo -n sh -c`. */
export async function runCommand(
  conn: Connection,
  target: SshTarget,
  command: string,
  io: ChannelIo,
): Promise<ExecResult> {
  const wrapped = wrapCommand(command, { user: conn.endpoint.user, useSudo: target.useSudo ?? false });
  const result = await runChannel(conn, wrapped, io);
  if (target.useSudo && result.code !== 0 && isSudoPasswordPrompt(result.stderr)) {
    throw new SudoPasswordRequiredError(target.name, conn.endpoint.user);
  }
  return result;
}

function runChannel(conn: Connection, command: string, io: ChannelIo): Promise<ExecResult> {
  const { stdin, signal, onDead, onStdout } = io;
  const started = performance.now();
  const decoder = new TextDecoder();
  return new Promise((resolve, reject) => {
    let channel: ClientChannel | undefined;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      // Ask the remote side to stop, then close our end; the caller gets the reason right away.
      if (channel) {
        try {
          channel.signal('KILL');
        } catch {}
        channel.close();
      }
      finish(() => reject(signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();
    conn.client.exec(command, (err, ch) => {
      if (err) {
        if (isDeadSession(err)) {
          onDead();
          return finish(() => reject(new StaleSessionError(`session to ${conn.endpoint.alias} was gone`)));
        }
        return finish(() =>
          reject(new SshError(`cannot open a channel on ${conn.endpoint.alias}: ${err.message}`)),
        );
      }
      channel = ch;
      if (settled) {
        ch.close();
        return;
      }
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let bytes = 0;
      let code: number | null = null;
      let exitSignal: string | undefined;
      let exited = false;
      ch.on('data', (b: Buffer) => {
        out.push(b);
        bytes += b.length;
        if (onStdout) onStdout(decoder.decode(b, { stream: true }));
      });
      ch.stderr.on('data', (b: Buffer) => {
        errOut.push(b);
        bytes += b.length;
      });
      ch.on('exit', (c: number | null, sig?: string) => {
        exited = true;
        code = c;
        exitSignal = sig;
      });
      ch.on('close', () => {
        if (!exited) {
          return finish(() =>
            reject(
              new SshConnectError(`connection to ${conn.endpoint.alias} was lost while the command ran`),
            ),
          );
        }
        finish(() =>
          resolve({
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(errOut).toString('utf8'),
            code,
            signal: exitSignal,
            bytes,
            ms: performance.now() - started,
          }),
        );
      });
      ch.end(stdin);
    });
  });
}
