/** A parsed `[user@]host[:port]` (also `[v6addr]:port` and `ssh://user@host:port`), as ssh and ProxyJump accept. */
export interface Destination {
  user?: string;
  host: string;
  port?: number;
}

export function parseDestination(text: string): Destination {
  let rest = text.trim().replace(/^ssh:\/\//, '');
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  let host = rest;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [host = '', portText] = rest.split(':');
  }
  if (host === '' || user === '')
    throw new Error(`invalid destination "${text}": expected [user@]host[:port]`);
  const dest: Destination = { host };
  if (user !== undefined) dest.user = user;
  if (portText !== undefined) {
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port in "${text}"`);
    dest.port = port;
  }
  return dest;
}
