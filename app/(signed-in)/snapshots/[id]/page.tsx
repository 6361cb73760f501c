import { notFound } from 'next/navigation';
import { z } from 'zod';
import { parseViewParams } from '@/components/graph/url-state';
import { SnapshotPage } from '@/components/snapshots/snapshot-page';

export const metadata = { title: 'Snapshot · Patchbay' };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/snapshots/<id>?select=…&vlan=…&q=…`: one snapshot, read-only. */
export default async function Page({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  // Snapshot ids are uuids: anything else names none.
  if (!z.uuid().safeParse(id).success) notFound();
  const view = parseViewParams(await searchParams);
  return (
    <SnapshotPage
      id={id}
      initial={{ select: view.select, vlan: view.vlan, q: view.q }}
      testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
    />
  );
}
