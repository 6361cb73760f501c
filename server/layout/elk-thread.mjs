// The server's ELK (layout-service.ts), in a worker thread: a 500-node layout keeps a core busy
// for a fraction of a second, which on the server's own thread would hold up every other request.
// Plain JavaScript, loaded by path at run time: Next.js bundles the server, not this thread.
// elkjs's bundled build runs ELK in this thread (its "fake worker"); one layout at a time, in
// the order asked, each answered by its id.
import { parentPort } from 'node:worker_threads';
import ELK from 'elkjs/lib/elk.bundled.js';

const elk = new ELK();
parentPort.on('message', async ({ id, graph }) => {
  try {
    parentPort.postMessage({ id, laidOut: await elk.layout(graph) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
