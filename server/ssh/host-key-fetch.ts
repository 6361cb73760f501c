import type { Duplex } from 'node:stream';
import ssh2, { type ConnectConfig } from 'ssh2';
import { type ConnectSettings, describeFailure, openJumps, planRoute } from './connect';
import { SshConnectError } from './errors';
import { keyTypeOf, sha256Fingerprint } from './fingerprint';
import { endpointOf } from './host-key-policy';
import type { ResolvedEndpoint } from './ssh-config';
import type { HostKeySeen, SshTarget } from './types';

/**
 * Handshake with one hop only far enough to see its host key, then refuse the key, which ends
 * the connection before the server learns a user name. No credential is built for this hop (no
 * key file is read), so a host whose key is not pinned yet never receives one.
 */
function presentedKey(
  target: SshTarget,
  hop: ResolvedEndpoint,
  sock: Duplex | undefined,
  settings: ConnectSettings,
): Promise<HostKeySeen> {
  return (async () => {
    const serverHostKey = await target.hostKeys.algorithms(hop.host, hop.port);
    return new Promise<HostKeySeen>((resolve, reject) => {
      const client = new ssh2.Client();
      let seen: HostKeySeen | undefined;
      let settled = false;
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        client.end();
        if (seen) resolve(seen);
        else
          reject(err ?? new SshConnectError(`connection to ${hop.alias} closed before it showed a host key`));
      };
      const config: ConnectConfig = {
        host: hop.host,
        port: hop.port,
        // ssh2 insists on one; it would only travel in an auth request, which never happens.
        username: hop.user,
        readyTimeout: settings.readyTimeoutMs,
        // Never reached (the key is refused first); were it reached, it offers nothing.
        authHandler: (() => false) as unknown as ConnectConfig['authHandler'],
        hostVerifier: (blob: Buffer, verify: (ok: boolean) => void) => {
          seen = {
            endpoint: endpointOf(hop.host, hop.port),
            fingerprint: sha256Fingerprint(blob),
            keyType: keyTypeOf(blob),
          };
          verify(false);
          finish();
        },
      };
      if (sock) config.sock = sock;
      if (serverHostKey) config.algorithms = { serverHostKey: serverHostKey as never };
      client.on('ready', () =>
        finish(new SshConnectError(`${hop.alias} accepted a session without a key check`)),
      );
      client.on('error', (err) => finish(describeFailure(err, hop, settings.readyTimeoutMs, [])));
      client.on('close', () => finish());
      client.connect(config);
      client.setNoDelay(true); // as in connect.ts: no Nagle wait between a packet's pieces
    });
  })();
}

/**
 * The host key the target presents now, for pinning it. Jump hops are verified by the target's
 * policy and authenticate as usual (a jump host whose key is unknown fails with its
 * HostKeyUnknownError before any credential is offered); the final hop only shows its key.
 */
export async function fetchHostKey(target: SshTarget, settings: ConnectSettings): Promise<HostKeySeen> {
  const route = planRoute(target, settings);
  const chain = await openJumps(target, route, settings);
  try {
    return await presentedKey(target, route[route.length - 1] as ResolvedEndpoint, chain.sock, settings);
  } finally {
    chain.closeAll();
  }
}
