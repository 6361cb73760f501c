import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';
import { parseUserCommand, type UserCommand } from './user-args';

export { UsageError };

export const USAGE = `usage: patchbay snapshot [user@]host[:port] [options]
       patchbay user <add|list|passwd|remove> …   (patchbay user --help)

Collect one host's Open vSwitch and namespace state over SSH and print its model as JSON.
No server or database is needed. ~/.ssh/config (Host aliases, HostName, User, Port,
IdentityFile, ProxyJump) and ssh-agent (SSH_AUTH_SOCK) are honoured.

options:
  -i FILE                  private key file (passphrase from PATCHBAY_KEY_PASSPHRASE if encrypted)
  -J [user@]host[:port]    jump host(s), comma-separated (overrides ProxyJump)
  -F FILE                  ssh config file (default ~/.ssh/config)
  --sudo                   run the collection through "sudo -n" when not logging in as root
  --pretty                 indent the JSON
  --known-hosts FILE       known_hosts file (default ~/.ssh/known_hosts; hashed entries work)
  --accept-new-host-key    add an unknown host key to the known_hosts file (a changed key is still refused)
  --timeout SECONDS        give up after this long (default 60)
  -h, --help               show this help`;

export interface SnapshotArgs {
  destination: string;
  identity?: string | undefined;
  jump?: string | undefined;
  configFile?: string | undefined;
  sudo: boolean;
  pretty: boolean;
  knownHosts?: string | undefined;
  acceptNewHostKey: boolean;
  timeoutMs: number;
}

export type Command = { kind: 'help' } | { kind: 'snapshot'; args: SnapshotArgs } | UserCommand;

export function parseCommand(argv: string[]): Command {
  if (argv[0] === 'user') return parseUserCommand(argv.slice(1));
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const [command, destination, ...extra] = positionals;
  if (command !== 'snapshot') throw new UsageError(`unknown command "${command}"`);
  if (!destination) throw new UsageError('snapshot needs a destination: [user@]host[:port]');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError('--timeout needs a positive number of seconds');
  return {
    kind: 'snapshot',
    args: {
      destination,
      identity: values.i,
      jump: values.J,
      configFile: values.F,
      sudo: values.sudo ?? false,
      pretty: values.pretty ?? false,
      knownHosts: values['known-hosts'],
      acceptNewHostKey: values['accept-new-host-key'] ?? false,
      timeoutMs: timeout * 1000,
    },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      i: { type: 'string' },
      J: { type: 'string' },
      F: { type: 'string' },
      sudo: { type: 'boolean' },
      pretty: { type: 'boolean' },
      'known-hosts': { type: 'string' },
      'accept-new-host-key': { type: 'boolean' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
