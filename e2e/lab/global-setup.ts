import { DEFAULT_SPECS, labDown, labUpMissing } from '@/scripts/lab/lab';

// Bring up the default lab hosts unless they are already up and healthy; on teardown remove
// only what this run brought up (test-all and people manage a lab that was already there).
export default async function setup(): Promise<() => Promise<void>> {
  const missing = await labUpMissing(DEFAULT_SPECS);
  return async () => {
    if (missing.length) await labDown(missing);
  };
}
