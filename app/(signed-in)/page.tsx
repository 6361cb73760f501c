import { HomeView } from '@/components/graph/home-view';
import { parseViewParams } from '@/components/graph/url-state';
import { EXAMPLE_LABEL, exampleModel } from '@/server/example';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = parseViewParams(await searchParams);
  return (
    <HomeView
      example={exampleModel()}
      exampleLabel={EXAMPLE_LABEL}
      initial={{ select: params.select, vlan: params.vlan, q: params.q }}
      // Read per request (not NEXT_PUBLIC_, which is baked in at build time).
      testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
    />
  );
}
