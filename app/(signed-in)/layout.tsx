import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/session/app-header';
import { SessionProvider } from '@/components/session/session-context';
import { currentUser } from '@/server/auth/page-session';

/** Every page here needs a session; without one the visitor goes to sign-in and comes back after. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) {
    const path = (await headers()).get('x-patchbay-path') ?? '/';
    redirect(`/login?next=${encodeURIComponent(path)}`);
  }
  return (
    <SessionProvider user={user}>
      <AppHeader />
      {children}
    </SessionProvider>
  );
}
