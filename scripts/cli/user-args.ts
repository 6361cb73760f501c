import { ROLES, type Role } from '@/server/auth/roles';
import { parseCommandLine, UsageError } from './usage-error';

export const USER_USAGE = `usage: patchbay user <add|list|passwd|remove> [options]

Manage dashboard accounts in the data directory (PATCHBAY_DATA_DIR, default .data) while the
server is stopped (the database belongs to one process at a time).

  patchbay user add NAME (--admin | --role viewer|operator|admin) [--password-stdin]
  patchbay user passwd NAME [--password-stdin]     set a new password (ends the user's sessions)
  patchbay user remove NAME
  patchbay user list

The password is asked twice on a terminal, or read from the first line of stdin with
--password-stdin (for scripts). It is never taken from the command line.`;

export type UserCommand =
  | { kind: 'user-add'; name: string; role: Role; passwordStdin: boolean }
  | { kind: 'user-passwd'; name: string; passwordStdin: boolean }
  | { kind: 'user-remove'; name: string }
  | { kind: 'user-list' }
  | { kind: 'user-help' };

export function parseUserCommand(argv: string[]): UserCommand {
  const parsed = parseCommandLine(argv, OPTIONS);
  const { values, positionals } = parsed;
  const [verb, name, ...extra] = positionals;
  if (values.help || !verb) return { kind: 'user-help' };
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const passwordStdin = values['password-stdin'] ?? false;
  if (verb === 'list') {
    if (name) throw new UsageError(`unexpected argument "${name}"`);
    return { kind: 'user-list' };
  }
  if (!name) throw new UsageError(`user ${verb} needs a user name`);
  if (verb === 'add') {
    if (values.admin && values.role && values.role !== 'admin')
      throw new UsageError('--admin and --role disagree; give one');
    const role = values.admin ? 'admin' : values.role;
    if (!role) throw new UsageError('user add needs --admin or --role viewer|operator|admin');
    if (!(ROLES as readonly string[]).includes(role))
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    return { kind: 'user-add', name, role: role as Role, passwordStdin };
  }
  if (verb === 'passwd') return { kind: 'user-passwd', name, passwordStdin };
  if (verb === 'remove') return { kind: 'user-remove', name };
  throw new UsageError(`unknown user command "${verb}"`);
}

const OPTIONS = {
  admin: { type: 'boolean' },
  role: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
