import { DEFAULT_SPECS, labDown, labUpMissing } from '@/scripts/lab/lab';

// Bring up the default lab hosts unless they are already up and healthy; on teardown remove
// only what this run brought up (test-all and people manage a lab that was already there).
export default async function setup(): Promise<() => Promise<void>> {
  // `changes` is the host the change-engine files change and put back (their own, so the others'
  // scenario checks never see it moved); `faulty` is the host lint.test.ts finds faults on (and
  // fixes and breaks again).
  const missing = await labUpMissing([...DEFAULT_SPECS, 'changes', 'faulty']);
  return async () => {
    if (missing.length) await labDown(missing);
  };
}
