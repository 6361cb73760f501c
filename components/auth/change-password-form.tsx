'use client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage, issuesText } from '@/components/trpc/error-message';
import { ChangePasswordInput } from '@/server/auth/schema';
import styles from './auth.module.css';
import { FormError, NewPasswordFields } from './fields';

const LABELS = { current: 'Current password', next: 'New password' };

/** The signed-in user's own password; the server ends their other sessions when it changes. */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.auth.changePassword.mutationOptions());
  const [invalid, setInvalid] = useState('');

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const next = String(form.get('next') ?? '');
    if (next !== String(form.get('repeat') ?? ''))
      return setInvalid('the two new passwords differ; type the same password twice');
    const parsed = ChangePasswordInput.safeParse({ current: String(form.get('current') ?? ''), next });
    if (!parsed.success) return setInvalid(issuesText(z.flattenError(parsed.error), LABELS));
    setInvalid('');
    // Cleared only on success, so a typo in the current password does not cost the new one.
    change.mutate(parsed.data, { onSuccess: () => formEl.reset() });
  };

  const error = invalid || errorMessage(change.error, LABELS);
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Change password">
      <label>
        Current password
        <input name="current" type="password" autoComplete="current-password" required />
      </label>
      <NewPasswordFields name="next" label="New password" repeat="Repeat new password" />
      <FormError error={error} />
      {change.isSuccess && !error && (
        <div className={styles.ok} role="status" data-testid="password-changed">
          Password changed. Your other sessions (other browsers) are signed out; this one stays.
        </div>
      )}
      <button type="submit" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
