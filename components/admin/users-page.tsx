'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSessionUser } from '@/components/session/session-context';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { AddUserForm } from './add-user-form';
import styles from './admin.module.css';
import { UserRow } from './user-row';

/** `/admin/users`: the local accounts, their roles and sign-in state. */
export function UsersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSessionUser();
  const list = useQuery(trpc.users.list.queryOptions());
  const refetch = () => void queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });

  return (
    <main className={styles.page}>
      <h1>Users</h1>
      <h2>Add a user</h2>
      <AddUserForm />
      <h2>Accounts</h2>
      {list.isPending && <p>Loading users…</p>}
      {list.error && <div className={styles.error}>Could not load the users: {errorMessage(list.error)}</div>}
      {list.data && (
        <table className={styles.table} data-testid="user-list">
          <thead>
            <tr>
              <th>name</th>
              <th>role</th>
              <th>last sign-in</th>
              <th>locked until</th>
              <th>active sessions</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === me?.id} onChanged={refetch} />
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
