import { knownHostsPolicy, type SshTarget } from '@/server/ssh';
import type { LabHost } from './lab';

/** An SSH target for a lab host as root, trusting only the host key the lab recorded. */
export function labSshTarget(h: LabHost, id = h.name): SshTarget {
  return {
    id,
    name: h.name,
    address: h.address,
    port: h.port,
    user: 'root',
    auth: { method: 'key', keyPath: h.rootKeyPath },
    hostKeys: knownHostsPolicy(h.knownHostsPath, { acceptNew: false }),
  };
}
