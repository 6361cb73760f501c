/** POSIX single-quote a word for sh. */
export const q = (s: string): string =>
  /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;

/** An OVSDB map entry for ovs-vsctl: column:"key"="value" (quoted so colons in MACs survive). */
export const ovsMapArg = (column: string, key: string, value: string): string =>
  `${column}:${JSON.stringify(key)}=${JSON.stringify(value)}`;

/** A here-document feeding `lines` to `command` on stdin; nothing when there are no lines. */
export function heredoc(command: string, lines: string[]): string {
  if (lines.length === 0) return '';
  return `${command} <<'LAB_EOF'\n${lines.join('\n')}\nLAB_EOF\n`;
}
