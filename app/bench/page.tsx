import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BenchView } from '@/components/graph/bench-view';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/bench?nodes=5000[&collapse=1]`: only served when PATCHBAY_TEST_HANDLE=1 (tests and bench). */
export default async function BenchPage({ searchParams }: { searchParams: SearchParams }) {
  // Read the flag per request: without this the build prerenders the page as a static 404.
  await connection();
  if (process.env.PATCHBAY_TEST_HANDLE !== '1') notFound();
  const params = await searchParams;
  const nodes = Number(params.nodes);
  if (!Number.isInteger(nodes) || nodes < 10 || nodes > 20_000) notFound();
  return <BenchView nodes={nodes} collapse={params.collapse === '1'} />;
}
