import type { ReactNode } from 'react';
import styles from '@/components/admin/admin.module.css';
import { currentUser } from '@/server/auth/page-session';

/**
 * The admin pages: anyone else gets a plain refusal rather than a redirect (sending a signed-in
 * viewer to sign-in would only bounce back). The API refuses these calls on its own anyway; this
 * spares the page from rendering only to show errors.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (user?.role !== 'admin') {
    return (
      <main className={styles.page}>
        <p className={styles.forbidden} data-testid="forbidden">
          403 — this page needs the admin role; you are {user ? user.role : 'not signed in'}.
        </p>
      </main>
    );
  }
  return children;
}
