'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage, issuesText } from '@/components/trpc/error-message';
import { LoginInput } from '@/server/auth/schema';
import styles from './auth.module.css';
import { FormError, UserNameField } from './fields';

const LABELS = { name: 'User name', password: 'Password' };

/**
 * The sign-in form. On success the browser loads `next` afresh (a full load, so the server layouts
 * read the new session cookie and no query cached while signed out survives).
 */
export function LoginForm({ next }: { next: string }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const login = useMutation(
    trpc.auth.login.mutationOptions({ onSuccess: () => window.location.assign(next) }),
  );
  const [invalid, setInvalid] = useState('');

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = LoginInput.safeParse({
      name: String(form.get('name') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    });
    if (!parsed.success) return setInvalid(issuesText(z.flattenError(parsed.error), LABELS));
    setInvalid('');
    login.mutate(parsed.data);
  };

  const error = invalid || errorMessage(login.error, LABELS);
  const busy = login.isPending || login.isSuccess;
  return (
    <>
      {me.data?.setupNeeded && (
        <div className={styles.note} data-testid="setup-needed">
          No users yet: open the setup link the server printed when it started, or run{' '}
          <code>npx patchbay user add NAME --admin</code>.
        </div>
      )}
      <form className={styles.form} onSubmit={onSubmit} aria-label="Sign in">
        <UserNameField />
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <FormError error={error} testId="login-error" />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className={styles.hint}>
        New here? <a href="/example">See an example topology</a>.
      </p>
    </>
  );
}
