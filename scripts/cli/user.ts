import { userInfo } from 'node:os';
import { ROLE_DESCRIPTIONS } from '@/server/auth/roles';
import { createServices, type Services } from '@/server/services';
import { databaseUrl, dataDir, lockDataDir, openDatabase } from '@/server/storage';
import { passwordFromStdin, passwordTwice } from './password-prompt';
import type { UserCommand } from './user-args';
import { USER_USAGE } from './user-args';

/** `patchbay user …`: accounts in the data directory, with the server stopped. */
export async function runUserCommand(cmd: UserCommand, out: (line: string) => void): Promise<void> {
  if (cmd.kind === 'user-help') {
    out(USER_USAGE);
    return;
  }
  const dir = dataDir();
  const release = databaseUrl() ? () => {} : lockDataDir(dir, 'patchbay user');
  const db = openDatabase(dir);
  try {
    await db;
    const services = createServices(db, dir);
    await run(cmd, services, out);
  } finally {
    await (await db).close();
    release();
  }
}

async function run(
  cmd: Exclude<UserCommand, { kind: 'user-help' }>,
  s: Services,
  out: (line: string) => void,
) {
  const actor = `cli:${userInfo().username}`;
  const audit = (action: string, target: string, detail: unknown = {}) =>
    s.audit.record({ actor, role: null, source: 'cli', action, target, outcome: 'ok', detail });
  const password = async (has: { passwordStdin: boolean }) =>
    has.passwordStdin ? passwordFromStdin() : passwordTwice();
  const existing = async (name: string) => {
    const user = await s.auth.userByName(name);
    if (!user) throw new Error(`no user named "${name}" (patchbay user list)`);
    return user;
  };
  switch (cmd.kind) {
    case 'user-list': {
      for (const u of await s.auth.listUsers())
        out(
          `${u.name}\t${u.role}\tlast sign-in ${u.lastLoginAt ?? 'never'}${u.lockedUntil ? `\tlocked until ${u.lockedUntil}` : ''}`,
        );
      return;
    }
    case 'user-add': {
      const user = await s.auth.addUser({ name: cmd.name, role: cmd.role, password: await password(cmd) });
      await audit('users.add', user.name, { name: user.name, role: user.role });
      out(`added ${user.name} (${user.role}: ${ROLE_DESCRIPTIONS[user.role]})`);
      return;
    }
    case 'user-passwd': {
      const user = await existing(cmd.name);
      await s.auth.resetPassword(user.id, await password(cmd));
      await audit('users.resetPassword', user.name);
      out(`new password set for ${user.name}; their sessions ended`);
      return;
    }
    case 'user-remove': {
      const user = await existing(cmd.name);
      await s.auth.removeUser(user.id);
      await audit('users.remove', user.name);
      out(`removed ${user.name}`);
      return;
    }
  }
}
