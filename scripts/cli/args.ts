import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from '@/server/core/snapshot-file/limits';
import { CONNECTION_OPTIONS, type HostConnection, hostConnection } from './connection-options';
import { parseCommandLine, UsageError } from './usage-error';
import { parseUserCommand, type UserCommand } from './user-args';

export { UsageError };

export const USAGE = `usage: patchbay snapshot [user@]host[:port] [--name NAME] [--note TEXT] [--save NAME] [options]
       patchbay plan  [user@]host[:port] -f changes.yaml [-o plan.json] [options]
       patchbay apply [user@]host[:port] (-f changes.yaml | --plan plan.json) [--yes] [--confirm-timeout S]
       patchbay lint  ([user@]host[:port] | FILE.json) [--format text|json] [options]
       patchbay trace [user@]host[:port] BRIDGE FLOW [options]   (patchbay trace --help)
       patchbay import FILE… [--host NAME] [--pretty]   (FILE "-" reads standard input)
       patchbay user <add|list|passwd|remove> …   (patchbay user --help)

plan reads the host, checks the edits of a changes file (docs/changes.md) and prints the diff and
the exact commands; apply does the same, asks, applies, verifies and rolls back on failure.
Exit status of apply: 0 applied, 3 refused (invalid edits or drift), 4 another apply is running,
5 failed and rolled back (host at its base), 6 rollback incomplete, 7 reverted by the lockout guard.

lint reads the host (or every host of a snapshot file, FILE.json) and reports known-bad patterns
(docs/lint.md). Exit status of lint: 0 no error-severity finding, 1 some (or the host could not be
read), 2 a usage error or a FILE.json that is not a snapshot file.

import reads command output pasted from a ticket or a forum (ovs-vsctl show, ovs-ofctl show and
dump-flows, ip address/link/route/netns, with or without prompt lines; several FILEs are one
paste; docs/paste-import.md) and prints the partial model it holds as JSON. What could not be read
is listed on stderr. Exit status of import: 0 something was read, 1 nothing was, 2 a usage error.

snapshot collects one host's Open vSwitch and namespace state over SSH and prints it as a snapshot
file (JSON, docs/snapshot-format.md; dashboards import it). With --save NAME it is saved instead in
the server's database (DATABASE_URL, or the data directory while the server is stopped) and shows
in the dashboard's snapshots. No other command needs a server or database. Exit status of snapshot:
0 the host was read whole, 3 read in part (the output is written; stderr names the missing parts and
what usually fixes it), 1 it could not be read, 2 a usage error. ~/.ssh/config (Host aliases, HostName, User, Port,
IdentityFile, ProxyJump) and ssh-agent (SSH_AUTH_SOCK) are honoured.

options:
  -i FILE                  private key file (passphrase from PATCHBAY_KEY_PASSPHRASE if encrypted)
  -J [user@]host[:port]    jump host(s), comma-separated (overrides ProxyJump)
  -F FILE                  ssh config file (default ~/.ssh/config)
  --sudo                   run the collection through "sudo -n" when not logging in as root
  --pretty                 indent the JSON
  --name NAME              snapshot: the snapshot's name (default: the host as given)
  --note TEXT              snapshot: a note kept in the file
  --save NAME              snapshot: save it in the server's database under NAME (prints its id)
  --known-hosts FILE       known_hosts file (default ~/.ssh/known_hosts; hashed entries work)
  --accept-new-host-key    add an unknown host key to the known_hosts file (a changed key is still refused)
  --timeout SECONDS        give up on a read after this long (default 60)
  -f FILE                  plan/apply: the changes file (YAML or JSON: {edits: [...]} or a list)
  -o FILE                  plan: also write the plan as JSON (apply it later with --plan)
  --plan FILE              apply: a saved plan; refused if the host moved since it was made
  -y, --yes                apply: do not ask before applying
  --confirm-timeout S      apply: a change on the management path reverts itself after S
                           seconds unless Patchbay gets back in (default 60)
  --format text|json       lint: output format (default text)
  --host NAME              import: the model's host name (default pasted)
  -h, --help               show this help`;

export interface SnapshotArgs extends HostConnection {
  pretty: boolean;
  /** The snapshot's name; the host's name when absent. */
  name?: string | undefined;
  note?: string | undefined;
  /** Save in the server's database under this name instead of printing the file. */
  save?: string | undefined;
}

export interface ChangeArgs extends HostConnection {
  /** Changes file (YAML or JSON). */
  file?: string | undefined;
  /** plan: write the plan here; apply: a saved plan to apply (refused on drift). */
  out?: string | undefined;
  planFile?: string | undefined;
  yes: boolean;
  confirmTimeoutS: number;
}

/** lint reads either a snapshot file (the argument ends in .json) or a host. */
export type LintArgs = { format: 'text' | 'json' } & ({ file: string } | { ssh: HostConnection });

export interface ImportArgs {
  /** Files read in order as one paste; `-` is standard input. */
  files: string[];
  pretty: boolean;
  host?: string | undefined;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'snapshot'; args: SnapshotArgs }
  | { kind: 'import'; args: ImportArgs }
  | { kind: 'plan'; args: ChangeArgs }
  | { kind: 'apply'; args: ChangeArgs }
  | { kind: 'lint'; args: LintArgs }
  | UserCommand;

/** lint's arguments: a FILE.json or a host, and the output format. */
function lintArgs(
  target: string,
  format: string | undefined,
  connection: HostConnection,
  sshOptionGiven: boolean,
): LintArgs {
  if (format !== undefined && format !== 'text' && format !== 'json')
    throw new UsageError('--format is text or json');
  const fmt = format ?? 'text';
  if (!/\.json$/i.test(target)) return { format: fmt, ssh: connection };
  if (sshOptionGiven)
    throw new UsageError(`lint reads ${target} as a snapshot file; ssh options do not apply`);
  return { format: fmt, file: target };
}

/** import reads files, not a host: only --pretty and --host apply. */
function importArgs(files: string[], values: Record<string, string | boolean | undefined>): ImportArgs {
  if (files.length === 0) throw new UsageError('import needs FILE… (- for standard input)');
  const other = Object.keys(values).find((k) => values[k] !== undefined && k !== 'pretty' && k !== 'host');
  if (other !== undefined)
    throw new UsageError(`${other.length === 1 ? '-' : '--'}${other} does not apply to import`);
  const host = values.host;
  if (host === '') throw new UsageError('--host needs a name');
  return { files, pretty: values.pretty === true, host: typeof host === 'string' ? host : undefined };
}

export function parseCommand(argv: string[]): Command {
  if (argv[0] === 'user') return parseUserCommand(argv.slice(1));
  const parsed = parseCommandLine(argv, OPTIONS);
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const [command, destination, ...extra] = positionals;
  if (command === 'import') return { kind: 'import', args: importArgs(positionals.slice(1), values) };
  if (values.host !== undefined) throw new UsageError('--host belongs to import');
  if (command !== 'snapshot' && command !== 'plan' && command !== 'apply' && command !== 'lint')
    throw new UsageError(`unknown command "${command}"`);
  if (!destination)
    throw new UsageError(
      `${command} needs a destination: [user@]host[:port]${command === 'lint' ? ' or FILE.json' : ''}`,
    );
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const connection = hostConnection(destination, values);
  if (values.format !== undefined && command !== 'lint') throw new UsageError('--format belongs to lint');
  if (
    (values.name !== undefined || values.note !== undefined || values.save !== undefined) &&
    command !== 'snapshot'
  )
    throw new UsageError('--name, --note and --save belong to snapshot');
  if (command === 'lint') {
    if (values.f || values.o || values.plan || values.yes || values['confirm-timeout'] || values.pretty)
      throw new UsageError('-f, -o, --plan, --yes, --confirm-timeout and --pretty do not apply to lint');
    const ssh = (Object.keys(CONNECTION_OPTIONS) as (keyof typeof CONNECTION_OPTIONS)[]).some(
      (k) => values[k] !== undefined,
    );
    return { kind: 'lint', args: lintArgs(destination, values.format, connection, ssh) };
  }
  if (command !== 'snapshot') {
    const changeOnly = { f: values.f, o: values.o, plan: values.plan };
    if (command === 'plan' && !values.f) throw new UsageError('plan needs -f changes.yaml');
    if (command === 'plan' && (values.plan || values.yes || values['confirm-timeout']))
      throw new UsageError('--plan, --yes and --confirm-timeout belong to apply');
    if (command === 'apply' && !values.f === !values.plan)
      throw new UsageError('apply needs either -f changes.yaml or --plan plan.json');
    if (command === 'apply' && values.o) throw new UsageError('-o belongs to plan');
    const confirm = values['confirm-timeout'] === undefined ? 60 : Number(values['confirm-timeout']);
    if (!Number.isInteger(confirm) || confirm < 5 || confirm > 3600)
      throw new UsageError('--confirm-timeout needs whole seconds between 5 and 3600');
    return {
      kind: command,
      args: {
        ...connection,
        file: changeOnly.f,
        out: changeOnly.o,
        planFile: changeOnly.plan,
        yes: values.yes ?? false,
        confirmTimeoutS: confirm,
      },
    };
  }
  if (values.f || values.o || values.plan || values.yes || values['confirm-timeout'])
    throw new UsageError('-f, -o, --plan, --yes and --confirm-timeout belong to plan and apply');
  if (values.name !== undefined && (values.name.trim() === '' || values.name.length > MAX_NAME_LENGTH))
    throw new UsageError(`--name needs 1 to ${MAX_NAME_LENGTH} characters`);
  if (values.note !== undefined && values.note.length > MAX_NOTE_LENGTH)
    throw new UsageError(`--note takes at most ${MAX_NOTE_LENGTH} characters`);
  if (values.save !== undefined && (values.save.trim() === '' || values.save.length > MAX_NAME_LENGTH))
    throw new UsageError(`--save needs a name of 1 to ${MAX_NAME_LENGTH} characters`);
  if (values.save !== undefined && (values.name !== undefined || values.pretty))
    throw new UsageError('--save names the saved snapshot and prints no file: leave out --name and --pretty');
  return {
    kind: 'snapshot',
    args: {
      ...connection,
      pretty: values.pretty ?? false,
      name: values.name,
      note: values.note,
      save: values.save,
    },
  };
}

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  pretty: { type: 'boolean' },
  f: { type: 'string' },
  o: { type: 'string' },
  plan: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'confirm-timeout': { type: 'string' },
  format: { type: 'string' },
  name: { type: 'string' },
  note: { type: 'string' },
  save: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
