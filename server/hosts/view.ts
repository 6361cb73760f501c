import type { StoredHost } from '@/server/storage';
import type { HostView } from './schema';

/** Strip secrets: the browser only learns whether a password, passphrase or uploaded key is set. */
export function toView(host: StoredHost): HostView {
  const { auth } = host;
  return {
    id: host.id,
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    auth: {
      method: auth.method,
      ...(auth.keyPath ? { keyPath: auth.keyPath } : {}),
      hasPassphrase: Boolean(auth.passphrase),
      hasPassword: Boolean(auth.password),
      hasPrivateKey: Boolean(auth.privateKey),
    },
    useSudo: host.useSudo,
    jumpHost: host.jumpHost,
    sshConfigAlias: host.sshConfigAlias,
    labels: host.labels,
    hostKeys: host.hostKeys,
    lastRefresh: host.lastRefresh,
    createdAt: host.createdAt,
    updatedAt: host.updatedAt,
  };
}
