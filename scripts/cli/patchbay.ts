import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectHost } from '@/server/collect/collect-host';
import { knownHostsPolicy, parseDestination, SshPool, type SshTarget } from '@/server/ssh';
import { parseCommand, type SnapshotArgs, USAGE, UsageError } from './args';

function readConfig(file: string, required: boolean): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`cannot read ssh config ${file}: ${(err as Error).message}`);
  }
}

async function snapshot(args: SnapshotArgs): Promise<string> {
  const dest = parseDestination(args.destination);
  const configFile = args.configFile ?? join(homedir(), '.ssh', 'config');
  const pool = new SshPool({ sshConfigText: readConfig(configFile, args.configFile !== undefined) });
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
  try {
    const { model } = await collectHost(pool, target, { timeoutMs: args.timeoutMs });
    return `${JSON.stringify(model, null, args.pretty ? 2 : undefined)}\n`;
  } finally {
    pool.closeAll();
  }
}

/** Returns the exit status: 0 ok, 1 failure (one line on stderr), 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stdout.write(await snapshot(command.args));
    return 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`patchbay: ${message.replaceAll('\n', ' ')}\n`);
    if (err instanceof UsageError) {
      process.stderr.write('run "patchbay --help" for usage\n');
      return 2;
    }
    return 1;
  }
}
