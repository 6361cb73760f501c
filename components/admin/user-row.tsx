'use client';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { ROLES, type Role } from '@/server/auth/roles';
import type { UserView } from '@/server/auth/schema';
import styles from './admin.module.css';
import { ResetPassword } from './reset-password';
import { when } from './when';

/**
 * One user: role, last sign-in, lock, sessions, and the admin's actions. Changing one's own role
 * or removing oneself ends one's own sessions (the server does that to any demoted or removed
 * user), so those ask first and then go to sign-in.
 */
export function UserRow({ user, self, onChanged }: { user: UserView; self: boolean; onChanged: () => void }) {
  const trpc = useTRPC();
  const signOutIfSelf = () => {
    if (self) window.location.assign('/login');
  };
  const setRole = useMutation(
    trpc.users.setRole.mutationOptions({ onSuccess: signOutIfSelf, onSettled: onChanged }),
  );
  const remove = useMutation(
    trpc.users.remove.mutationOptions({ onSuccess: signOutIfSelf, onSettled: onChanged }),
  );

  const changeRole = (role: Role) => {
    const question = self
      ? `Make yourself ${role}? You lose the admin role and are signed out.`
      : `Make ${user.name} ${role}? Their sessions end; they sign in again.`;
    if (window.confirm(question)) setRole.mutate({ id: user.id, role });
  };
  const removeUser = () => {
    const question = self
      ? 'Remove your own account? You are signed out and cannot sign in again.'
      : `Remove ${user.name}? Their sessions end and they can no longer sign in.`;
    if (window.confirm(question)) remove.mutate({ id: user.id });
  };

  const error = setRole.error ?? remove.error;
  return (
    <tr data-user={user.name}>
      <td>
        {user.name} {self && <span className={styles.you}>(you)</span>}
      </td>
      <td>
        <select
          aria-label={`Role of ${user.name}`}
          value={user.role}
          disabled={setRole.isPending}
          onChange={(e) => changeRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <td className={styles.nowrap}>{when(user.lastLoginAt, 'never')}</td>
      <td className={styles.nowrap}>
        {user.lockedUntil ? <span className={styles.denied}>{when(user.lockedUntil)}</span> : '—'}
      </td>
      <td>{user.sessions}</td>
      <td className={styles.actions}>
        {self ? (
          // Resetting one's own password would end this session too; Change password keeps it.
          <a href="/account">Change password</a>
        ) : (
          <ResetPassword id={user.id} name={user.name} onDone={onChanged} />
        )}
        <button type="button" onClick={removeUser} disabled={remove.isPending}>
          {remove.isPending ? 'Removing…' : 'Remove'}
        </button>
        {error && (
          <div className={styles.error} role="alert">
            {errorMessage(error)}
          </div>
        )}
      </td>
    </tr>
  );
}
