'use client';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { errorMessage } from '@/components/trpc/error-message';
import { NewPassword } from '@/server/auth/schema';
import styles from './admin.module.css';

/**
 * "Reset password" for another user: a new password, their sessions end and a sign-in lock is
 * lifted (server/auth/service.ts). Inline rather than a prompt, so the password is masked.
 */
export function ResetPassword({ id, name, onDone }: { id: string; name: string; onDone: () => void }) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.users.resetPassword.mutationOptions({ onSettled: onDone }));
  const [open, setOpen] = useState(false);
  const [invalid, setInvalid] = useState('');

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const parsed = NewPassword.safeParse(String(new FormData(e.currentTarget).get('password') ?? ''));
    if (!parsed.success) return setInvalid(parsed.error.issues.map((i) => i.message).join('; '));
    setInvalid('');
    reset.mutate({ id, password: parsed.data }, { onSuccess: () => setOpen(false) });
  };

  const error = invalid || errorMessage(reset.error, { password: 'Password' });
  if (!open) {
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Reset password
        </button>
        {reset.isSuccess && (
          <div className={styles.you} role="status">
            Password set; {name}'s sessions ended.
          </div>
        )}
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} aria-label={`Reset password of ${name}`}>
      <input
        name="password"
        type="password"
        aria-label={`New password for ${name}`}
        autoComplete="new-password"
        required
      />{' '}
      <button type="submit" disabled={reset.isPending}>
        {reset.isPending ? 'Setting…' : 'Set'}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {error && (
        <div className={styles.error} role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
