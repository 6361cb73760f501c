import { ChangePasswordForm } from '@/components/auth/change-password-form';
import styles from '@/components/session/account.module.css';
import { AccountSummary } from '@/components/session/account-summary';

export const metadata = { title: 'Account · Patchbay' };

export default function AccountPage() {
  return (
    <main className={styles.page}>
      <h1>Your account</h1>
      <AccountSummary />
      <h2>Change password</h2>
      <ChangePasswordForm />
    </main>
  );
}
