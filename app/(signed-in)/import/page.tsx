import { parseViewParams } from '@/components/graph/url-state';
import { PasteImport } from '@/components/import/paste-import';

export const metadata = { title: 'Import · Patchbay' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `/import`: pasted command output or a snapshot file, drawn in the browser (docs/ui.md). */
export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const view = parseViewParams(await searchParams);
  return (
    <PasteImport
      initial={{ select: view.select, vlan: view.vlan, q: view.q }}
      testHandle={process.env.PATCHBAY_TEST_HANDLE === '1'}
    />
  );
}
