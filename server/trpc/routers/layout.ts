import { LayoutRequest } from '@/server/core/layout';
import { procedure, router } from '../init';

/** The canvas's ELK layout on the server (docs/ui.md "Layout"): anyone who may see a graph. */
export const layoutRouter = router({
  // A mutation: a request of a few hundred nodes is too long for a URL, and never worth refetching.
  compute: procedure('viewer')
    .input(LayoutRequest)
    .mutation(({ ctx, input }) => ctx.services.layout.layout(input)),
});
