import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { labDir, statePath } from './paths';

export const LAB_SUBNET = '198.18.0';
export const LAB_BRIDGE = { name: 'pblab0', address: `${LAB_SUBNET}.1`, prefix: 24 } as const;
/** Never allocated: `${host:X}` resolves here when X is not up, so tunnels still have a remote. */
export const UNUSED_ADDRESS = `${LAB_SUBNET}.254`;

const userSchema = z.object({ user: z.string(), keyPath: z.string() });
/** Password login only (no authorised key); the password is regenerated whenever the host is built. */
const passwordUserSchema = z.object({ user: z.string(), password: z.string().min(1) });

export const labHostSchema = z.object({
  name: z.string(),
  scenario: z.string(),
  address: z.string(),
  port: z.number().int(),
  rootKeyPath: z.string(),
  users: z.object({
    root: userSchema,
    sudo: userSchema,
    sudoPassword: userSchema,
    /** Absent on hosts built before the password user existed (rebuild them to get it). */
    password: passwordUserSchema.optional(),
  }),
  knownHostsPath: z.string(),
  hostKeyFingerprint: z.string().startsWith('SHA256:'),
  /** The host's network namespace in the root namespace (`ip netns exec <netns>`). */
  netns: z.string(),
});

export const labHostRecordSchema = labHostSchema.extend({
  dir: z.string(),
  /** Root-namespace end of the host's veth (enslaved to the lab bridge). */
  rootVeth: z.string(),
  pidFiles: z.object({ ovsdb: z.string(), vswitchd: z.string(), sshd: z.string() }),
  /** sha256 of the compiled scenario: a changed scenario file makes `up` rebuild the host. */
  scenarioHash: z.string().default(''),
  builtAt: z.string(),
  buildMs: z.number(),
});

export const labStateSchema = z.object({
  version: z.literal(1),
  bridge: z.object({ name: z.string(), address: z.string(), prefix: z.number() }),
  /** name → last octet; kept across `down` so a host keeps its address. */
  allocations: z.record(z.string(), z.number().int().min(2).max(253)),
  hosts: z.array(labHostRecordSchema),
});

export type LabHost = z.infer<typeof labHostSchema>;
export type LabHostRecord = z.infer<typeof labHostRecordSchema>;
export type LabState = z.infer<typeof labStateSchema>;

export const emptyState = (): LabState => ({
  version: 1,
  bridge: { ...LAB_BRIDGE },
  allocations: {},
  hosts: [],
});

export function readLabState(): LabState | null {
  let text: string;
  try {
    text = readFileSync(statePath, 'utf8');
  } catch {
    return null;
  }
  return labStateSchema.parse(JSON.parse(text));
}

export function writeLabState(state: LabState): void {
  mkdirSync(labDir, { recursive: true });
  const tmp = `${statePath}.tmp`;
  // Holds the password user's clear-text password: owner-only, like the client keys beside it.
  writeFileSync(tmp, `${JSON.stringify(labStateSchema.parse(state), null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, statePath);
}

/** Stable allocation: an existing allocation wins, otherwise the lowest free octet in 2..253. */
export function allocateOctet(allocations: Record<string, number>, name: string): number {
  const existing = allocations[name];
  if (existing !== undefined) return existing;
  const used = new Set(Object.values(allocations));
  for (let n = 2; n <= 253; n++) if (!used.has(n)) return n;
  throw new Error('lab subnet is full (252 hosts)');
}

/** Kernel names derive from the octet: always ≤15 chars whatever the host name. */
export const rootVethName = (octet: number) => `pblv${octet}`;
export const hostNetnsName = (name: string) => `pblab-${name}`;
