import { ExampleView } from '@/components/graph/example-view';
import { parseViewParams } from '@/components/graph/url-state';
import { EXAMPLE_LABEL, exampleModel } from '@/server/example';

export const metadata = { title: 'Example topology · Patchbay' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Open without a session: a newcomer sees a real graph before any host or user exists. */
export default async function ExamplePage({ searchParams }: { searchParams: SearchParams }) {
  const params = parseViewParams(await searchParams);
  return (
    <ExampleView
      example={exampleModel()}
      exampleLabel={EXAMPLE_LABEL}
      next={<a href="/login">Sign in to see your hosts</a>}
      initial={{ select: params.select, vlan: params.vlan, q: params.q }}
      // Read per request (not NEXT_PUBLIC_, which is baked in at build time).
      testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
    />
  );
}
