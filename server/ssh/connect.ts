import type { Duplex } from 'node:stream';
// ssh2 is CommonJS: Node's ESM loader only sees its default export.
import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import { type AuthAttempt, buildAuthAttempts } from './auth';
import { SshAuthError, SshConnectError, SshError, SshTimeoutError } from './errors';
import { keyTypeOf, sha256Fingerprint } from './fingerprint';
import { endpointOf } from './host-key-policy';
import type { KeyDirs } from './key-file';
import { type ResolvedEndpoint, resolveEndpoint, resolveJumpHop } from './ssh-config';
import type { HostKeySeen, SshTarget } from './types';

export interface ConnectSettings {
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  /** Contents of ~/.ssh/config (null: none). */
  sshConfigText: string | null;
  home: string;
  localUser: string;
  agentSocket: string | undefined;
  /** Where a host's explicit key file may live (null: anywhere, for the operator's CLI). */
  keyDirs: KeyDirs;
  /** Run `Match exec` lines of the ssh config (PATCHBAY_SSH_MATCH_EXEC=1). */
  sshMatchExec: boolean;
}

/** A ready SSH session to the target, possibly through jump hosts. */
export interface Connection {
  client: Client;
  endpoint: ResolvedEndpoint;
  hostKey: HostKeySeen;
  connectMs: number;
  /** Ends the target session and every jump session under it. */
  close(): void;
}

/** Effective endpoints: jump hops first, the target last. */
export function planRoute(target: SshTarget, settings: ConnectSettings): ResolvedEndpoint[] {
  const base = { home: settings.home, localUser: settings.localUser, matchExec: settings.sshMatchExec };
  const viaAlias = target.sshConfigAlias !== undefined;
  const final = resolveEndpoint(settings.sshConfigText, target.sshConfigAlias ?? target.address, {
    ...base,
    explicit: viaAlias ? {} : { port: target.port, user: target.user },
    fallback: { port: target.port ?? 22, user: target.user ?? settings.localUser },
  });
  const hops = target.jumpHost
    ? target.jumpHost
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)
    : final.proxyJump;
  const jumps = hops.map((hop) =>
    resolveJumpHop(settings.sshConfigText, hop, { ...base, fallback: { port: 22, user: final.user } }),
  );
  return [...jumps, final];
}

const methodName = {
  publickey: 'key',
  agent: 'ssh-agent',
  password: 'password',
  'keyboard-interactive': 'keyboard-interactive',
} satisfies Record<AuthAttempt['type'], string>;

export function describeFailure(
  err: Error & { level?: string; code?: string },
  hop: ResolvedEndpoint,
  ms: number,
  attempts: AuthAttempt[],
) {
  const where = endpointOf(hop.host, hop.port);
  if (err.level === 'client-authentication') {
    // Names the methods only, never a secret: tells "password refused" from "key refused".
    const tried = [...new Set(attempts.map((a) => methodName[a.type]))].join(', ');
    return new SshAuthError(`authentication as ${hop.user} on ${where} failed (tried ${tried})`, {
      cause: err,
    });
  }
  if (err.level === 'client-timeout') {
    return new SshTimeoutError(`no SSH session with ${where} within ${ms} ms (host down or too slow)`, {
      cause: err,
    });
  }
  const words = err.code ? SOCKET_ERRORS[err.code] : undefined;
  // Node's own text repeats the code and the address ("connect EHOSTUNREACH 198.18.0.250:22").
  const reason = words ? `${words} (${err.code})` : err.message;
  return new SshConnectError(`cannot connect to ${where}: ${reason}`, { cause: err });
}

/** Socket errors an operator meets, in words. */
const SOCKET_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'name not found',
  EAI_AGAIN: 'name lookup failed (temporary)',
};

function connectHop(
  target: SshTarget,
  hop: ResolvedEndpoint,
  sock: Duplex | undefined,
  auth: SshTarget['auth'],
  settings: ConnectSettings,
): Promise<{ client: Client; hostKey: HostKeySeen }> {
  return (async () => {
    const authHandler = await buildAuthAttempts(auth, {
      username: hop.user,
      identityFiles: hop.identityFiles,
      home: settings.home,
      agentSocket: settings.agentSocket,
      keyDirs: settings.keyDirs,
    });
    const serverHostKey = await target.hostKeys.algorithms(hop.host, hop.port);
    return new Promise<{ client: Client; hostKey: HostKeySeen }>((resolve, reject) => {
      const client = new ssh2.Client();
      let refused: SshError | undefined;
      let hostKey: HostKeySeen | undefined;
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        client.end();
        reject(err);
      };
      const config: ConnectConfig = {
        host: hop.host,
        port: hop.port,
        username: hop.user,
        readyTimeout: settings.readyTimeoutMs,
        keepaliveInterval: settings.keepaliveIntervalMs,
        keepaliveCountMax: settings.keepaliveCountMax,
        // ssh2's authHandler accepts plain attempt objects; its typings only list the callback form.
        authHandler: authHandler as unknown as ConnectConfig['authHandler'],
        hostVerifier: (blob: Buffer, verify: (ok: boolean) => void) => {
          hostKey = {
            endpoint: endpointOf(hop.host, hop.port),
            fingerprint: sha256Fingerprint(blob),
            keyType: keyTypeOf(blob),
          };
          target.hostKeys.verify({ host: target.name, address: hop.host, port: hop.port, blob }).then(
            () => verify(true),
            (err: unknown) => {
              refused = err instanceof SshError ? err : new SshConnectError(String(err));
              verify(false);
            },
          );
        },
      };
      if (sock) config.sock = sock;
      if (serverHostKey) config.algorithms = { serverHostKey: serverHostKey as never };
      client.on('ready', () => {
        if (settled || !hostKey) return fail(new SshConnectError('handshake finished without a host key'));
        settled = true;
        resolve({ client, hostKey });
      });
      client.on('error', (err) =>
        fail(refused ?? describeFailure(err, hop, settings.readyTimeoutMs, authHandler)),
      );
      client.on('close', () =>
        fail(refused ?? new SshConnectError(`connection to ${hop.alias} closed during setup`)),
      );
      client.connect(config);
      // ssh2 writes a packet's length, body and MAC separately, so Nagle held each packet's tail
      // until the server's delayed ACK of its head (40 ms): three times in the handshake, and per
      // exec on a pooled session. Set before the socket connects, it covers the handshake too.
      client.setNoDelay(true);
    });
  })();
}

function forward(client: Client, to: ResolvedEndpoint): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, to.host, to.port, (err, stream) => {
      if (err)
        reject(new SshConnectError(`jump host cannot reach ${endpointOf(to.host, to.port)}: ${err.message}`));
      else resolve(stream);
    });
  });
}

/** Authenticated sessions to every jump hop, and the channel to the final hop riding on them. */
export interface JumpChain {
  /** `direct-tcpip` channel to the final hop; undefined when there are no jump hops. */
  sock: Duplex | undefined;
  clients: Client[];
  closeAll(): void;
}

/**
 * Connect to the jump hops one by one: each jump host's key is checked by the target's policy
 * (before any credential is offered), then the next session runs inside a `direct-tcpip`
 * channel of the previous one. Jump hops use agent/config keys, plus the target's explicit key
 * if it has one.
 */
export async function openJumps(
  target: SshTarget,
  route: ResolvedEndpoint[],
  settings: ConnectSettings,
): Promise<JumpChain> {
  const clients: Client[] = [];
  const closeAll = () => {
    for (const c of clients.toReversed()) c.end();
  };
  try {
    const jumps = route.slice(0, -1);
    const final = route[route.length - 1];
    if (!final) throw new SshConnectError('empty route');
    const auth = target.auth?.method === 'key' ? target.auth : undefined;
    let sock: Duplex | undefined;
    for (const [i, hop] of jumps.entries()) {
      const { client } = await connectHop(target, hop, sock, auth, settings);
      clients.push(client);
      sock = await forward(client, jumps[i + 1] ?? final);
    }
    return { sock, clients, closeAll };
  } catch (err) {
    closeAll();
    throw err;
  }
}

/** Connect to the target (through its jump hops) and authenticate. */
export async function connect(target: SshTarget, settings: ConnectSettings): Promise<Connection> {
  const started = performance.now();
  const route = planRoute(target, settings);
  const endpoint = route[route.length - 1] as ResolvedEndpoint;
  const chain = await openJumps(target, route, settings);
  try {
    const last = await connectHop(target, endpoint, chain.sock, target.auth, settings);
    chain.clients.push(last.client);
    // A dropped target session must also end the jump sessions it was riding on.
    last.client.on('close', chain.closeAll);
    return {
      client: last.client,
      endpoint,
      hostKey: last.hostKey,
      connectMs: performance.now() - started,
      close: chain.closeAll,
    };
  } catch (err) {
    chain.closeAll();
    throw err;
  }
}
