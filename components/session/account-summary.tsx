'use client';
import { ROLE_DESCRIPTIONS } from '@/server/auth/roles';
import { useSessionUser } from './session-context';

/** Who is signed in and what their role lets them do. */
export function AccountSummary() {
  const user = useSessionUser();
  if (!user) return null;
  return (
    <p data-testid="account-summary">
      Signed in as <strong>{user.name}</strong>, role <strong>{user.role}</strong>:{' '}
      {ROLE_DESCRIPTIONS[user.role]}. An admin changes roles on the Users page.
    </p>
  );
}
