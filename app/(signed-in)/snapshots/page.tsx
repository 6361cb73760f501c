import { SnapshotList } from '@/components/snapshots/snapshot-list';

export const metadata = { title: 'Snapshots · Patchbay' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/snapshots[?host=NAME]`: the snapshots, or one host's history (docs/ui.md). */
export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const { host } = await searchParams;
  const name = Array.isArray(host) ? host[0] : host;
  return <SnapshotList host={name?.trim() || null} />;
}
