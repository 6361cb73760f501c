import { homedir } from 'node:os';
import { type HostKeyPolicy, pinnedKeyPolicy, type SshAuth, type SshTarget } from '@/server/ssh';
import type { StoredHost } from '@/server/storage';

const expandHome = (path: string) => (path.startsWith('~/') ? `${homedir()}${path.slice(1)}` : path);

function authOf(host: StoredHost): SshAuth {
  const { auth } = host;
  if (auth.method === 'key') {
    return {
      method: 'key',
      keyPath: auth.keyPath ? expandHome(auth.keyPath) : undefined,
      privateKey: auth.privateKey,
      passphrase: auth.passphrase,
    };
  }
  if (auth.method === 'password') return { method: 'password', password: auth.password ?? '' };
  return { method: 'agent' };
}

/** The SSH view of a stored host; its host keys are checked against the keys pinned in the database. */
export function targetOf(
  host: StoredHost,
  hostKeys: HostKeyPolicy = pinnedKeyPolicy(host.hostKeys),
): SshTarget {
  return {
    id: host.id,
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    auth: authOf(host),
    useSudo: host.useSudo,
    jumpHost: host.jumpHost ?? undefined,
    sshConfigAlias: host.sshConfigAlias ?? undefined,
    hostKeys,
  };
}
