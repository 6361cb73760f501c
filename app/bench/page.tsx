import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BenchView } from '@/components/graph/bench-view';
import { SessionProvider } from '@/components/session/session-context';
import { currentUser } from '@/server/auth/page-session';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/bench?nodes=5000[&collapse=1][&seed=N]`: only served when PATCHBAY_TEST_HANDLE=1 (tests and bench). */
export default async function BenchPage({ searchParams }: { searchParams: SearchParams }) {
  // Read the flag per request: without this the build prerenders the page as a static 404.
  await connection();
  if (process.env.PATCHBAY_TEST_HANDLE !== '1') notFound();
  const params = await searchParams;
  const nodes = Number(params.nodes);
  if (!Number.isInteger(nodes) || nodes < 10 || nodes > 20_000) notFound();
  // A seed names the host differently: a graph no browser or server has laid out before.
  const seed = typeof params.seed === 'string' && /^\d{1,9}$/.test(params.seed) ? params.seed : null;
  const view = <BenchView nodes={nodes} collapse={params.collapse === '1'} seed={seed} />;
  // Signed in, the canvas lays out on the server as /view does; without a session, in the browser.
  const user = await currentUser();
  return user ? <SessionProvider user={user}>{view}</SessionProvider> : view;
}
