import type { TestProject } from 'vitest/node';
import { DEFAULT_SPECS, labDown, labUpMissing } from '@/scripts/lab/lab';
import { startPrivateCluster } from '@/scripts/pg/cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A private PostgreSQL cluster's URL (team mode's backend); tests create their own databases in it. */
    postgresUrl: string;
  }
}

// Bring up the default lab hosts unless they are already up and healthy; on teardown remove
// only what this run brought up (test-all and people manage a lab that was already there).
// Also start a private PostgreSQL cluster for the suites that run on both storage backends.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // `changes` is the host the change-engine files change and put back (their own, so the others'
  // scenario checks never see it moved); `faulty` is the host lint.test.ts finds faults on (and
  // fixes and breaks again).
  const missing = await labUpMissing([...DEFAULT_SPECS, 'changes', 'faulty']);
  const cluster = await startPrivateCluster();
  project.provide('postgresUrl', cluster.url);
  return async () => {
    await cluster.stop();
    if (missing.length) await labDown(missing);
  };
}
