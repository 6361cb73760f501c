import { z } from 'zod';
import { parseViewParams } from '@/components/graph/url-state';
import pageStyles from '@/components/layout/page.module.css';
import { ComparePage } from '@/components/snapshots/compare-page';

export const metadata = { title: 'Comparison · Patchbay' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const CompareParams = z.object({
  from: z.uuid(),
  to: z.union([z.uuid(), z.literal('live')]),
});

/** `/snapshots/compare?from=ID&to=ID|live[&traffic=1]` (docs/ui.md). */
export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const raw = await searchParams;
  const parsed = CompareParams.safeParse({ from: first(raw.from), to: first(raw.to) });
  if (!parsed.success)
    return (
      <main className={pageStyles.page}>
        <p role="alert">
          A comparison needs <code>from</code> (a snapshot id) and <code>to</code> (another snapshot id, or{' '}
          <code>live</code>). <a href="/snapshots">Pick them from the list.</a>
        </p>
      </main>
    );
  const view = parseViewParams(raw);
  return (
    <ComparePage
      from={parsed.data.from}
      to={parsed.data.to}
      traffic={first(raw.traffic) === '1'}
      initial={{ select: view.select, vlan: view.vlan, q: view.q }}
      testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
    />
  );
}
