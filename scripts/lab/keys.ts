import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hostKeyPath } from './host';
import { LAB_USERS } from './host-script';
import { authorizedKeysDir, knownHostsPath, labDir, userKeyPath } from './paths';
import { runOk } from './shell';
import type { LabState } from './state';

export const labUserNames = ['root', LAB_USERS.sudo.user, LAB_USERS.sudoPassword.user];

/** One ed25519 client key per lab user in .lab/, each authorised for that user on every host. */
export async function ensureClientKeys(): Promise<void> {
  mkdirSync(authorizedKeysDir, { recursive: true, mode: 0o755 });
  for (const user of labUserNames) {
    const key = userKeyPath(user);
    if (!existsSync(key))
      await runOk('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `patchbay-lab-${user}`, '-f', key]);
    writeFileSync(path.join(authorizedKeysDir, user), readFileSync(`${key}.pub`), { mode: 0o644 });
  }
}

/** The lab's known_hosts: exactly the host keys of the hosts in `state`. */
export function writeKnownHosts(state: LabState): void {
  mkdirSync(labDir, { recursive: true });
  const lines = state.hosts.map((h) => {
    const [type, key] = readFileSync(`${hostKeyPath(h.dir)}.pub`, 'utf8')
      .trim()
      .split(/\s+/);
    const host = h.port === 22 ? h.address : `[${h.address}]:${h.port}`;
    return `${host} ${type} ${key}`;
  });
  writeFileSync(knownHostsPath, lines.length ? `${lines.join('\n')}\n` : '');
}
