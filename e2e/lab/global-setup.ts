import { DEFAULT_SPECS, labDown, labStatus, labUp } from '@/scripts/lab/lab';

// Bring up the default lab hosts unless they are already up and healthy; on teardown remove
// only what this run brought up (test-all and people manage a lab that was already there).
export default async function setup(): Promise<() => Promise<void>> {
  const healthy = new Set((await labStatus()).filter((h) => h.healthy).map((h) => h.name));
  const missing = DEFAULT_SPECS.filter((name) => !healthy.has(name));
  if (missing.length) await labUp(missing);
  return async () => {
    if (missing.length) await labDown(missing);
  };
}
