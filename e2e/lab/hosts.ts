import { type LabHost, labHostSchema, readLabState } from '@/scripts/lab/lab';
import { labDir } from '@/scripts/lab/paths';

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
