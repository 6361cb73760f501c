import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { parseViewParams } from '@/components/graph/url-state';
import { SharedPage } from '@/components/snapshots/shared-page';
import { getServices } from '@/server/services';
import type { SharedView } from '@/server/snapshots';
import { ShareTokenInput } from '@/server/snapshots/schema';

// A share link is for the people it was given to: not for search engines, and never passed on
// in a Referer (proxy.ts sends `Referrer-Policy: no-referrer` on every answer too).
export const metadata: Metadata = {
  title: 'Shared snapshot · Patchbay',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

type Params = Promise<{ token: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const isNotFound = (e: unknown) => {
  const { domain, code } = e as { domain?: unknown; code?: unknown };
  return domain === 'snapshots' && code === 'NOT_FOUND';
};

/**
 * `/s/<token>`: outside the signed-in pages, no session needed. The token is checked here, on the
 * server, before anything renders: a malformed, unknown, revoked or expired one answers 404 (the
 * same for all four, so a guess learns nothing), and a good one brings its data with the page.
 */
export default async function SharedLinkPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const parsed = ShareTokenInput.safeParse({ token: (await params).token });
  if (!parsed.success) notFound();
  let view: SharedView;
  try {
    view = await (await getServices()).snapshots.openShare(parsed.data.token);
  } catch (e) {
    if (isNotFound(e)) notFound();
    throw e;
  }
  const raw = await searchParams;
  const url = parseViewParams(raw);
  return (
    <SharedPage
      view={view}
      traffic={raw.traffic === '1'}
      initial={{ select: url.select, vlan: url.vlan, q: url.q }}
      testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
    />
  );
}
