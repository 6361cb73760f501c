import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ZodError } from 'zod';
import { collectHost } from '@/server/collect/collect-host';
import { knownHostsPolicy, parseDestination, SshPool, type SshTarget } from '@/server/ssh';
import { parseCommand, type SnapshotArgs, USAGE, UsageError } from './args';
import { runUserCommand } from './user';

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
    if (command.kind === 'snapshot') {
      process.stdout.write(await snapshot(command.args));
      return 0;
    }
    await runUserCommand(command, (line) => process.stdout.write(`${line}\n`));
    return 0;
  } catch (err) {
    // A refused value names its field ("password: at least 10 characters"), not a zod dump.
    const message =
      err instanceof ZodError
        ? err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
        : err instanceof Error
          ? err.message
          : String(err);
    process.stderr.write(`patchbay: ${message.replaceAll('\n', ' ')}\n`);
    if (err instanceof UsageError) {
      process.stderr.write('run "patchbay --help" for usage\n');
      return 2;
    }
    return 1;
  }
}
