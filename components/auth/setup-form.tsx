'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { z } from 'zod';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage, issuesText } from '@/components/trpc/error-message';
import { SetupInput } from '@/server/auth/schema';
import styles from './auth.module.css';
import { FormError, NewPasswordFields, UserNameField } from './fields';

const LABELS = { token: 'Setup link', name: 'User name', password: 'Password' };

/** The token from `#token=…`: the server puts it in the fragment, which browsers never send. */
function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** First run: the one-time link the server printed creates the first admin and signs them in. */
export function SetupForm() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const setup = useMutation(
    trpc.auth.setup.mutationOptions({ onSuccess: () => window.location.assign('/') }),
  );
  // null until read: the fragment exists only in the browser, never during the server render.
  const [token, setToken] = useState<string | null>(null);
  const [invalid, setInvalid] = useState('');
  useEffect(() => {
    const read = () => setToken(tokenFromHash(window.location.hash));
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('repeat') ?? ''))
      return setInvalid('the two passwords differ; type the same password twice');
    const parsed = SetupInput.safeParse({ token, name: String(form.get('name') ?? '').trim(), password });
    if (!parsed.success) return setInvalid(issuesText(z.flattenError(parsed.error), LABELS));
    setInvalid('');
    setup.mutate(parsed.data);
  };

  if (me.data && !me.data.setupNeeded) {
    return (
      <div className={styles.note} data-testid="setup-done">
        Setup is done: an admin exists. <a href="/login">Sign in</a>.
      </div>
    );
  }
  if (token === '') {
    return (
      <div className={styles.error} data-testid="setup-no-token">
        This page needs the setup link the server printed when it started (<code>http://…/setup#token=…</code>
        ). Open that link as printed, or stop the server and run{' '}
        <code>npx patchbay user add NAME --admin</code>.
      </div>
    );
  }
  const error = invalid || errorMessage(setup.error, LABELS);
  const busy = setup.isPending || setup.isSuccess || token === null;
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Create admin">
      <UserNameField />
      <NewPasswordFields name="password" label="Password" repeat="Repeat password" />
      <FormError error={error} testId="setup-error" />
      <button type="submit" disabled={busy}>
        {setup.isPending || setup.isSuccess ? 'Creating…' : 'Create admin'}
      </button>
    </form>
  );
}
