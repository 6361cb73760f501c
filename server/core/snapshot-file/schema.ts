import { z } from 'zod';
import { HostModel } from '../model/schema';
import { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from './limits';

/**
 * The snapshot FILE (docs/snapshot-format.md): the models of one or more hosts at one moment, with
 * who took it, when and why, and the derived relations of each host resolved to model ids so a
 * reader needs no knowledge of ifindexes or netnsids. `patchbay snapshot` prints it, the dashboard
 * exports and imports it. Bump SNAPSHOT_FILE_VERSION on any change old readers would misread, and
 * teach migrate.ts the old shape.
 *
 * Version 1 was a bare HostModel (what `patchbay snapshot` printed before this file existed), or a
 * list of them; readSnapshotFile migrates it. The number space is shared with HostModel's own
 * `schemaVersion` for that reason: a v1 file IS a HostModel with `schemaVersion: 1`, so v2 files
 * carry `kind` as well and are told apart by it, not by the number alone.
 */
export const SNAPSHOT_FILE_VERSION = 2 as const;
export const SNAPSHOT_FILE_KIND = 'patchbay-snapshot' as const;
/** Every file version readSnapshotFile reads (older ones are migrated to the current one). */
export const READABLE_VERSIONS: readonly number[] = [1, SNAPSHOT_FILE_VERSION];

/** Why the snapshot was taken. */
export const SNAPSHOT_SOURCES = [
  'manual',
  'before-apply',
  'after-apply',
  'scheduled',
  'imported',
  'cli',
] as const;
export const SnapshotSource = z
  .enum(SNAPSHOT_SOURCES)
  .describe(
    'manual: taken from the dashboard; before-apply/after-apply: around a change; scheduled: by a timer; imported: read from a file Patchbay did not write itself (also every migrated v1 file); cli: printed by `patchbay snapshot`',
  );
export type SnapshotSource = z.infer<typeof SnapshotSource>;

export { MAX_NAME_LENGTH, MAX_NOTE_LENGTH } from './limits';

/** What a person or the system says about a snapshot, apart from the hosts in it. */
export const SnapshotMeta = z.object({
  name: z.string().min(1).max(MAX_NAME_LENGTH).describe('Short title, e.g. the host name'),
  note: z.string().max(MAX_NOTE_LENGTH).describe('Free text; empty when there is none'),
  takenAt: z.iso
    .datetime({ offset: true })
    .describe('ISO 8601 time the snapshot was taken (each model keeps its own collectedAt)'),
  takenBy: z
    .string()
    .max(MAX_NAME_LENGTH)
    .nullable()
    .describe('Account or CLI user that took it (`cli:<user>` from the CLI); null when unknown'),
  source: SnapshotSource,
});
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

// ---------------------------------------------------------------- relations, by model id

export const PatchPairRelation = z
  .object({
    a: z.string().describe('Interface id (`iface:<name>`)'),
    b: z.string().nullable().describe('Peer interface id; null when the peer does not exist'),
    status: z.enum(['ok', 'dangling']).describe('ok: both ends name each other and OVS reports no error'),
    reason: z.string().optional().describe('Why a pair is dangling'),
  })
  .describe('Two OVS patch interfaces joined by their `peer` options (healthy pairs once, a then b sorted)');
export type PatchPairRelation = z.infer<typeof PatchPairRelation>;

export const VethPairRelation = z
  .object({
    a: z.string().describe('Link id (`link:<namespace>/<ifname>`)'),
    b: z.string().nullable().describe('Peer link id; null when the peer was not found on this host'),
    crossNamespace: z.boolean(),
  })
  .describe('The two ends of a veth, resolved across namespaces');
export type VethPairRelation = z.infer<typeof VethPairRelation>;

export const PortLinkRelation = z
  .object({
    iface: z.string().describe('OVS interface id (system, internal and tap interfaces)'),
    link: z.string().nullable().describe('Kernel link id backing it, in whichever namespace; null when none'),
    matchedBy: z
      .enum(['name+mac', 'name', 'ambiguous', 'none'])
      .describe('ambiguous: several links of that name and no MAC to decide; none: no link of that name'),
  })
  .describe('OVS interface ↔ the kernel network device behind it');
export type PortLinkRelation = z.infer<typeof PortLinkRelation>;

export const TunnelRelation = z
  .object({
    iface: z.string().describe('OVS tunnel interface id'),
    type: z.string().describe('vxlan, gre, geneve, …'),
    remoteIp: z.string().nullable().describe('options:remote_ip (`flow` when set per flow)'),
    localIp: z.string().nullable(),
    remoteHost: z
      .string()
      .nullable()
      .describe('`host` of the model in this file owning remoteIp; null when no host here owns it'),
  })
  .describe('A tunnel interface and the host of this file at its far end');
export type TunnelRelation = z.infer<typeof TunnelRelation>;

export const HostRelations = z.object({
  patchPairs: z.array(PatchPairRelation),
  vethPairs: z.array(VethPairRelation),
  portLinks: z.array(PortLinkRelation),
  tunnels: z.array(TunnelRelation),
});
export type HostRelations = z.infer<typeof HostRelations>;

export const SnapshotHost = z.object({
  model: HostModel,
  relations: HostRelations.describe(
    "Derived from the model (and the other hosts' addresses for tunnels); a reader that trusts them needs no ifindex or netnsid",
  ),
});
export type SnapshotHost = z.infer<typeof SnapshotHost>;

/** Pairs [index, index of its first occurrence] for every host name seen before in the list. */
export function repeatedHosts(names: readonly string[]): [number, number][] {
  const first = new Map<string, number>();
  const out: [number, number][] = [];
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (seen === undefined) first.set(name, i);
    else out.push([i, seen]);
  });
  return out;
}

export const SnapshotFile = z
  .object({
    schemaVersion: z.literal(SNAPSHOT_FILE_VERSION),
    kind: z.literal(SNAPSHOT_FILE_KIND),
    generator: z
      .object({ name: z.string().max(100), version: z.string().max(100) })
      .optional()
      .describe(
        'What wrote the file (Patchbay and its version); absent in files from before it was recorded',
      ),
    ...SnapshotMeta.shape,
    hosts: z.array(SnapshotHost).min(1),
  })
  // Tunnels name their far end by host name, so two models with the same name would make
  // remoteHost ambiguous.
  .superRefine((file, ctx) => {
    for (const [i, first] of repeatedHosts(file.hosts.map((h) => h.model.host)))
      ctx.addIssue({
        code: 'custom',
        path: ['hosts', i, 'model', 'host'],
        message: `host "${file.hosts[i]?.model.host}" is already hosts[${first}]; host names in a snapshot are unique`,
      });
  });
export type SnapshotFile = z.infer<typeof SnapshotFile>;
