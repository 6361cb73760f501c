import { type LabHost, labHostSchema, readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';
import type { Services } from '@/server/services';

/** Key dirs for pools that log in with the lab's keys (`.lab/id_ed25519*`); passed explicitly, not by env. */
export const LAB_KEY_DIRS: readonly string[] = [labDir];

/** The lab hosts recorded as up in .lab/state.json (global-setup brings the default ones up). */
export function labHosts(): LabHost[] {
  return (readLabState()?.hosts ?? []).map((h) => labHostSchema.parse(h));
}

export function labHost(name: string): LabHost {
  const host = labHosts().find((h) => h.name === name);
  if (!host) throw new Error(`lab host "${name}" is not up: run \`npm run lab -- up\``);
  return host;
}

/** Adds a lab host to a test's inventory as root with the lab key, its host key trusted; its id. */
export async function addTrustedLabHost(services: Services, name: string): Promise<string> {
  const h = labHost(name);
  const host = await services.hosts.add({
    name,
    address: h.address,
    user: 'root',
    auth: { method: 'key', keyPath: h.rootKeyPath },
  });
  await services.hostStore.setHostKey(host.id, {
    endpoint: `${h.address}:${h.port}`,
    fingerprint: h.hostKeyFingerprint,
    keyType: 'ssh-ed25519',
  });
  return host.id;
}
