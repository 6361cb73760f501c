/**
 * The one quoting runner: every argument vector Patchbay runs on a host (server/changes builds
 * the apply script with it) and every command it shows (planCommands) goes through `shJoin`.
 * Each element becomes one literal shell word; nothing from an edit is ever shell syntax.
 */
export function shQuote(value: string): string {
  if (value === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The one argument that is not a literal: "the host's root network namespace", for `ip link set
 * … netns` from inside a named namespace. It becomes `$$`, the pid of the shell running the apply
 * (which runs in the root namespace). `1` would be wrong wherever pid 1 is not in it (containers,
 * the lab). No edit can produce it: names never contain `$`.
 */
export const ROOT_NETNS_PID = '$$';

/** One argument vector as one shell command line. */
export const shJoin = (argv: readonly string[]): string =>
  argv.map((a) => (a === ROOT_NETNS_PID ? '$$' : shQuote(a))).join(' ');

/**
 * A command the executor runs: an argument vector, and optionally lines fed to its stdin (a flow
 * bundle for `ovs-ofctl --bundle add-flows BR -`). Both are data: every argument and every line
 * is quoted here, so a line is never shell syntax either.
 */
export interface Command {
  argv: string[];
  input?: string[];
}

/** One command as one shell pipeline: `printf '%s\n' 'line1' 'line2' | argv…`. */
export function shCommand(cmd: Command): string {
  const run = shJoin(cmd.argv);
  if (!cmd.input) return run;
  if (cmd.input.length === 0) throw new Error('a command with input needs at least one line');
  // One input element is one line for the reader: a line break inside it would make two.
  if (cmd.input.some((l) => /[\n\r\0]/.test(l))) throw new Error('an input line holds a line break or NUL');
  return `printf '%s\\n' ${cmd.input.map(shQuote).join(' ')} | ${run}`;
}
