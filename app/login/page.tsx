import { redirect } from 'next/navigation';
import styles from '@/components/auth/auth.module.css';
import { LoginForm } from '@/components/auth/login-form';
import { safeNextPath } from '@/components/auth/next-path';
import { currentUser } from '@/server/auth/page-session';

export const metadata = { title: 'Sign in · Patchbay' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/login?next=<path>`: the signed-in layout sends visitors without a session here. */
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const next = safeNextPath((await searchParams).next);
  // Already signed in (a bookmark, the back button): nothing to do here. The signed-in layout
  // sends only visitors without a session to this page, so the two never bounce between them.
  if (await currentUser()) redirect(next);
  return (
    <main className={styles.page}>
      <div className={styles.card}>
        <h1>Sign in to Patchbay</h1>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
