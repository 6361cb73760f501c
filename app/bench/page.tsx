import { notFound } from 'next/navigation';
import { BenchView } from '@/components/graph/bench-view';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/bench?nodes=5000[&collapse=1]`: only served when PATCHBAY_TEST_HANDLE=1 (tests and bench). */
export default async function BenchPage({ searchParams }: { searchParams: SearchParams }) {
  if (process.env.PATCHBAY_TEST_HANDLE !== '1') notFound();
  const params = await searchParams;
  const nodes = Number(params.nodes);
  if (!Number.isInteger(nodes) || nodes < 10 || nodes > 20_000) notFound();
  return <BenchView nodes={nodes} collapse={params.collapse === '1'} />;
}
