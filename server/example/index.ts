import { HostModel } from '@/server/core/model';
import raw from './openstack-aio.json';

/**
 * The example topology shown before any host is added: a HostModel captured from the openstack-aio
 * lab host (regenerate with `npx tsx scripts/capture-example.ts`). Validated on load so a stale
 * file fails loudly instead of drawing a wrong graph.
 */
export const EXAMPLE_LABEL = 'Example topology captured from the openstack-aio lab — add a host to see yours';

let cached: HostModel | undefined;
export function exampleModel(): HostModel {
  cached ??= HostModel.parse(raw);
  return cached;
}
