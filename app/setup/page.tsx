import { redirect } from 'next/navigation';
import styles from '@/components/auth/auth.module.css';
import { SetupForm } from '@/components/auth/setup-form';
import { currentUser } from '@/server/auth/page-session';

export const metadata = { title: 'First admin · Patchbay' };

/** `/setup#token=…`: the one-time first-run link the server prints while no user exists. */
export default async function SetupPage() {
  if (await currentUser()) redirect('/');
  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <h1>Create the first admin</h1>
        <SetupForm />
      </div>
    </main>
  );
}
