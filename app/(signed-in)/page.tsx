import { HomeView } from '@/components/graph/home-view';
import { parseViewParams } from '@/components/graph/url-state';
import { EXAMPLE_LABEL, exampleModel } from '@/server/example';
import { WithHostsGraphData } from './hosts-graph-data';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = parseViewParams(await searchParams);
  // With hosts the home page is the graph of all of them (home-view.tsx).
  return (
    <WithHostsGraphData names={null}>
      <HomeView
        example={exampleModel()}
        exampleLabel={EXAMPLE_LABEL}
        initial={{ select: params.select, vlan: params.vlan, q: params.q }}
        // Read per request (not NEXT_PUBLIC_, which is baked in at build time).
        testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
      />
    </WithHostsGraphData>
  );
}
