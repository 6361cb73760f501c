import SSHConfig from 'ssh-config';
import { parseDestination } from './destination';

/** Effective connection parameters of one hop after applying ~/.ssh/config. */
export interface ResolvedEndpoint {
  /** What the operator typed (alias or address), for messages. */
  alias: string;
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  /** ProxyJump hops in order (first hop first), unresolved `[user@]host[:port]` strings. */
  proxyJump: string[];
}

export interface ResolveOptions {
  /** Values the operator gave explicitly; they win over the config, as on the ssh command line. */
  explicit?: { port?: number | undefined; user?: string | undefined };
  /** Used only when neither explicit values nor the config say otherwise. */
  fallback: { port: number; user: string };
  home: string;
  localUser: string;
  /**
   * Run `Match exec` commands while computing (OpenSSH does). Off unless asked for: the library
   * runs them synchronously on every lookup, blocking the server's event loop for as long as
   * the command takes, each time a host is reached.
   */
  matchExec?: boolean | undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Expand the OpenSSH tokens that make sense here (`~`, %d %u %h %r %p %%). */
function expandPath(
  path: string,
  ctx: { home: string; localUser: string; host: string; user: string; port: number },
) {
  const tokens: Record<string, string> = {
    d: ctx.home,
    u: ctx.localUser,
    h: ctx.host,
    r: ctx.user,
    p: String(ctx.port),
    '%': '%',
  };
  const expanded = path.replace(/%([duhrp%])/g, (_, t: string) => tokens[t] ?? '');
  return expanded.startsWith('~/') ? `${ctx.home}${expanded.slice(1)}` : expanded;
}

/** Apply an ssh_config text to one host alias. Pure: the caller reads the file. */
export function resolveEndpoint(
  configText: string | null,
  alias: string,
  opts: ResolveOptions,
): ResolvedEndpoint {
  const computed = configText
    ? SSHConfig.parse(configText).compute(alias, { matchExec: opts.matchExec === true })
    : {};
  const host = first(computed.HostName) ?? alias;
  const configPort = first(computed.Port);
  const port = opts.explicit?.port ?? (configPort ? Number(configPort) : opts.fallback.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`invalid Port for ${alias} in ssh config`);
  const user = opts.explicit?.user ?? first(computed.User) ?? opts.fallback.user;
  const ctx = { home: opts.home, localUser: opts.localUser, host, user, port };
  const identityFiles = all(computed.IdentityFile).map((p) => expandPath(p, ctx));
  const jump = first(computed.ProxyJump);
  const proxyJump =
    jump && jump.toLowerCase() !== 'none'
      ? jump
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  return { alias, host: host.replace(/%h/g, alias), port, user, identityFiles, proxyJump };
}

/** Resolve a ProxyJump hop: `[user@]host[:port]`, itself looked up in the config (its own ProxyJump is ignored, like OpenSSH's -J chain). */
export function resolveJumpHop(
  configText: string | null,
  hop: string,
  opts: Omit<ResolveOptions, 'explicit'>,
): ResolvedEndpoint {
  const dest = parseDestination(hop);
  const resolved = resolveEndpoint(configText, dest.host, {
    ...opts,
    explicit: { port: dest.port, user: dest.user },
  });
  return { ...resolved, alias: hop, proxyJump: [] };
}
