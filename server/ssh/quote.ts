/** POSIX single-quote a string so a shell passes it through as one literal word. */
export function shQuote(value: string): string {
  if (value === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

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
