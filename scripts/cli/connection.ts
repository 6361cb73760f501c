import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { knownHostsPolicy, parseDestination, SshPool, type SshTarget } from '@/server/ssh';
import type { SnapshotArgs } from './args';
import { UsageError } from './usage-error';

function readConfig(file: string, required: boolean): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`cannot read ssh config ${file}: ${(err as Error).message}`);
  }
}

export type ConnectionArgs = Pick<
  SnapshotArgs,
  'destination' | 'identity' | 'jump' | 'configFile' | 'sudo' | 'knownHosts' | 'acceptNewHostKey'
>;

/** The SSH pool and target of a command-line destination, as `ssh` would reach it. */
export function connectionFor(args: ConnectionArgs): { pool: SshPool; target: SshTarget } {
  const dest = parseDestination(args.destination);
  const configFile = args.configFile ?? join(homedir(), '.ssh', 'config');
  // keyDirs null: the CLI is its user's own process and reads whatever -i names, as ssh does.
  const pool = new SshPool({
    sshConfigText: readConfig(configFile, args.configFile !== undefined),
    keyDirs: null,
  });
  const knownHosts = resolve(args.knownHosts ?? join(homedir(), '.ssh', 'known_hosts'));
  const target: SshTarget = {
    id: 'cli',
    name: dest.host,
    address: dest.host,
    port: dest.port,
    user: dest.user,
    auth: args.identity
      ? { method: 'key', keyPath: resolve(args.identity), passphrase: process.env.PATCHBAY_KEY_PASSPHRASE }
      : undefined,
    useSudo: args.sudo,
    jumpHost: args.jump,
    hostKeys: knownHostsPolicy(knownHosts, { acceptNew: args.acceptNewHostKey }),
  };
  return { pool, target };
}
