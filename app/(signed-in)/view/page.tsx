import { HostsGraph } from '@/components/graph/hosts-graph';
import { parseViewParams } from '@/components/graph/url-state';
import { WithHostsGraphData } from '../hosts-graph-data';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/view?hosts=a,b&select=<element id>&vlan=<n>&q=<search>` (docs/ui.md). */
export default async function ViewPage({ searchParams }: { searchParams: SearchParams }) {
  const params = parseViewParams(await searchParams);
  const names = params.hosts.length > 0 ? params.hosts : null;
  return (
    <WithHostsGraphData names={names}>
      <HostsGraph
        names={names}
        initial={{ select: params.select, vlan: params.vlan, q: params.q }}
        testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
      />
    </WithHostsGraphData>
  );
}
