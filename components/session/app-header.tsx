'use client';
import { useMutation } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { useHydrated } from '@/components/layout/use-hydrated';
import { useTRPC } from '@/components/trpc/client';
import type { Access } from '@/server/auth/roles';
import styles from './app-header.module.css';
import { useCan, useSessionUser } from './session-context';

const LINKS: { href: string; label: string; access: Access }[] = [
  { href: '/', label: 'Graph', access: 'viewer' },
  { href: '/hosts', label: 'Hosts', access: 'viewer' },
  { href: '/snapshots', label: 'Snapshots', access: 'viewer' },
  // Reading a paste happens in the browser; saving it as a snapshot is for operators.
  { href: '/import', label: 'Import', access: 'viewer' },
  { href: '/admin/users', label: 'Users', access: 'admin' },
  { href: '/admin/audit', label: 'Audit', access: 'admin' },
];

/** `/view` is a graph too, so "Graph" stays marked there. */
function isCurrent(href: string, path: string): boolean {
  if (href === '/') return path === '/' || path.startsWith('/view');
  return path === href || path.startsWith(`${href}/`);
}

function NavLink({
  href,
  label,
  access,
  path,
}: {
  href: string;
  label: string;
  access: Access;
  path: string;
}) {
  if (!useCan(access)) return null;
  return (
    <a href={href} aria-current={isCurrent(href, path) ? 'page' : undefined}>
      {label}
    </a>
  );
}

/** The bar above every signed-in page: navigation by role, who is signed in, and sign-out. */
export function AppHeader() {
  const user = useSessionUser();
  const path = usePathname();
  const trpc = useTRPC();
  // A full load afterwards: nothing fetched under the old session stays in the page or cache.
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({ onSettled: () => window.location.assign('/login') }),
  );
  // Server-rendered, Sign out is a button with nothing behind it until the page's script runs:
  // shown disabled until then, so a click is never silently lost.
  const hydrated = useHydrated();
  if (!user) return null;
  return (
    <header className={styles.header} data-testid="app-header" data-app-header="">
      <a href="/" className={styles.brand}>
        Patchbay
      </a>
      <nav className={styles.nav} aria-label="Main">
        {LINKS.map((l) => (
          <NavLink key={l.href} {...l} path={path} />
        ))}
      </nav>
      <span className={styles.spacer} />
      <span className={styles.user} data-testid="session-user">
        <strong>{user.name}</strong> · {user.role}
      </span>
      <a href="/account">Change password</a>
      <button type="button" onClick={() => logout.mutate()} disabled={!hydrated || logout.isPending}>
        {logout.isPending ? 'Signing out…' : 'Sign out'}
      </button>
    </header>
  );
}
