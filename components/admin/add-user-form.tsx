'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { NewPasswordFields } from '@/components/auth/fields';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage, issuesText } from '@/components/trpc/error-message';
import { ROLE_DESCRIPTIONS, ROLES } from '@/server/auth/roles';
import { UserAddInput } from '@/server/auth/schema';
import styles from './admin.module.css';

const LABELS = { name: 'Name', role: 'Role', password: 'Password' };

/** New local account; the admin passes the first password on, and the user can change it. */
export function AddUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(
    trpc.users.add.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
    }),
  );
  const [invalid, setInvalid] = useState('');

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const parsed = UserAddInput.safeParse({
      name: String(form.get('name') ?? '').trim(),
      role: form.get('role'),
      password: String(form.get('password') ?? ''),
    });
    if (!parsed.success) return setInvalid(issuesText(z.flattenError(parsed.error), LABELS));
    setInvalid('');
    add.mutate(parsed.data, { onSuccess: () => formEl.reset() });
  };

  const error = invalid || errorMessage(add.error, LABELS);
  return (
    <>
      <form className={styles.form} onSubmit={onSubmit} aria-label="Add user">
        <label>
          Name
          <input
            name="name"
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="alice"
          />
        </label>
        <label>
          Role
          <select name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <NewPasswordFields name="password" label="Password" />
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add user'}
        </button>
      </form>
      <ul className={styles.roles}>
        {ROLES.map((r) => (
          <li key={r}>
            <strong>{r}</strong>: {ROLE_DESCRIPTIONS[r]}
          </li>
        ))}
      </ul>
      {error && (
        <div className={styles.error} role="alert">
          {error}
        </div>
      )}
      {add.isSuccess && !error && (
        <div className={styles.info} role="status">
          Added {add.data.name} ({add.data.role}). Pass the password on; they can change it under Change
          password.
        </div>
      )}
    </>
  );
}
