import { shQuote } from '@/server/core/changes/shell-quote';

/** POSIX single-quoting, from the one quoting runner in server/core/changes/shell-quote.ts. */
export { shQuote };

/**
 * The command line actually sent: non-root users with sudo run the whole command through
 * `sudo -n sh -c '<command>'` (-n: fail instead of prompting, so we can report it clearly).
 */
export function wrapCommand(command: string, opts: { user: string; useSudo: boolean }): string {
  if (!opts.useSudo || opts.user === 'root') return command;
  return `sudo -n sh -c ${shQuote(command)}`;
}

/** sudo's messages when -n hits a password prompt (sudo 1.8 – 1.9). */
export function isSudoPasswordPrompt(stderr: string): boolean {
  return /sudo: (a )?password is required|sudo: a terminal is required/.test(stderr);
}
