import { z } from 'zod';

// The declarative scenario format (docs/lab.md describes every field). Numbers may arrive as
// strings because `repeat` templates substitute `{i}` into strings before validation.

const ifName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/, 'kernel interface names are 1-15 characters');
const nsName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'namespace name');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const cidr = z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'address/prefix');
const mac = z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'lower-case MAC');
const stringMap = z.record(z.string(), z.coerce.string());
/** Administratively up after the build (default); false leaves the device down. */
const up = z.boolean().optional();
const mtu = int(68, 65535).optional();
const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'lower-case uuid');

const portCommon = {
  name: ifName,
  tag: int(0, 4095).optional(),
  trunks: z.array(int(0, 4095)).optional(),
  vlanMode: z.enum(['access', 'trunk', 'native-tagged', 'native-untagged']).optional(),
  /** Interface external_ids (neutron's iface-id/attached-mac, libvirt's vm-uuid …). */
  externalIds: stringMap.optional(),
};

/** OVS internal port; its tap device may move into a namespace and get addresses there. */
const internalPort = z.strictObject({
  ...portCommon,
  type: z.literal('internal'),
  namespace: nsName.optional(),
  addresses: z.array(cidr).default([]),
  mac: mac.optional(),
  up,
});

/** A veth pair: `name` is the OVS port in the host, `peer` the other end (optionally in a namespace). */
const vethPort = z.strictObject({
  ...portCommon,
  type: z.literal('veth'),
  peer: ifName,
  peerNamespace: nsName.optional(),
  peerAddresses: z.array(cidr).default([]),
  peerMac: mac.optional(),
  /** MTU and state of the OVS end (`name`) and of the peer. */
  mtu,
  up,
  peerMtu: mtu,
  peerUp: up,
});

const patchPort = z.strictObject({ ...portCommon, type: z.literal('patch'), peer: ifName });

const tunnelPort = z.strictObject({
  ...portCommon,
  type: z.enum(['vxlan', 'gre', 'geneve']),
  /** Interface options, e.g. remote_ip (may be `${host:NAME}` or `${self}`), key, dst_port. */
  options: stringMap,
});

/**
 * An OVS port for a host device by name, created by nothing else (OVS adds a device that exists;
 * one that does not gets an error and ofport -1, like a NIC renamed or removed under OVS).
 */
const systemPort = z.strictObject({ ...portCommon, type: z.literal('system') });

/** An OVS bond; each member is a veth whose peer stays in the host (or a namespace). */
const bondPort = z.strictObject({
  ...portCommon,
  type: z.literal('bond'),
  members: z
    .array(z.strictObject({ name: ifName, peer: ifName, peerNamespace: nsName.optional(), up, peerUp: up }))
    .min(2),
  bondMode: z.enum(['active-backup', 'balance-slb', 'balance-tcp']).optional(),
  lacp: z.enum(['active', 'passive', 'off']).optional(),
});

export const portSchema = z.discriminatedUnion('type', [
  internalPort,
  vethPort,
  patchPort,
  tunnelPort,
  systemPort,
  bondPort,
]);

export const bridgeSchema = z.strictObject({
  name: ifName,
  failMode: z.enum(['secure', 'standalone']).optional(),
  externalIds: stringMap.optional(),
  otherConfig: stringMap.optional(),
  ports: z.array(portSchema).default([]),
  /** OpenFlow flows in `ovs-ofctl add-flow` syntax. */
  flows: z.array(z.string().min(1)).default([]),
});

/** A veth pair created from a namespace: `name` inside it, `peer` in the host or another namespace. */
const linkSchema = z.strictObject({
  name: ifName,
  peer: ifName,
  peerNamespace: nsName.optional(),
  addresses: z.array(cidr).default([]),
  peerAddresses: z.array(cidr).default([]),
  mac: mac.optional(),
  mtu,
  up,
  peerMtu: mtu,
  peerUp: up,
});

export const namespaceSchema = z.strictObject({
  name: nsName,
  links: z.array(linkSchema).default([]),
  /** Addresses on the namespace's loopback. */
  loopback: z.array(cidr).default([]),
  /** `ip route add` arguments, e.g. "default via 203.0.113.1" or "192.0.2.0/24 dev x table 100". */
  routes: z.array(z.string().min(1)).default([]),
  /** `ip rule add` arguments, e.g. "from 192.0.2.0/24 table 100 priority 1000". */
  rules: z.array(z.string().min(1)).default([]),
  /** sysctls set inside the namespace, e.g. net.ipv4.ip_forward: 1. */
  sysctls: stringMap.optional(),
});

/**
 * A NIC of a libvirt domain (libvirt-xml.ts writes it as `<interface>`): type bridge with
 * `bridge`, network with `network`, else ethernet.
 */
const vmInterfaceSchema = z.strictObject({
  mac,
  bridge: ifName.optional(),
  network: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'network name')
    .optional(),
  /**
   * Host device. libvirt (and its test driver) discard names starting with `vnet`, `macvtap` or
   * `macvlan` and pick their own, so such taps are matched to their VM by MAC (attached-mac).
   */
  target: ifName.optional(),
  /** Open vSwitch virtualport interfaceid (a Neutron port id); only with `bridge`. */
  interfaceId: uuid.optional(),
  model: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
});

/** A libvirt domain served by the test driver (no QEMU, no daemon: see docs/lab.md). */
export const domainSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'domain name'),
  uuid,
  state: z.enum(['running', 'paused', 'shutoff']).default('running'),
  interfaces: z.array(vmInterfaceSchema).default([]),
});

export const scenarioSchema = z
  .strictObject({
    description: z.string().default(''),
    /** false disables IPv6 in the host and every namespace (no link-local chatter: big scenarios). */
    ipv6: z.boolean().default(true),
    bridges: z.array(bridgeSchema).default([]),
    namespaces: z.array(namespaceSchema).default([]),
    /** libvirt domains `virsh` lists on this host; without it, virsh is absent from the host. */
    libvirt: z.strictObject({ domains: z.array(domainSchema) }).optional(),
  })
  .superRefine((s, ctx) => {
    const declared = new Set(s.namespaces.map((n) => n.name));
    const used: string[] = [];
    for (const b of s.bridges)
      for (const p of b.ports) {
        if (p.type === 'internal' && p.namespace) used.push(p.namespace);
        if (p.type === 'veth' && p.peerNamespace) used.push(p.peerNamespace);
        if (p.type === 'bond') for (const m of p.members) if (m.peerNamespace) used.push(m.peerNamespace);
      }
    for (const n of s.namespaces) for (const l of n.links) if (l.peerNamespace) used.push(l.peerNamespace);
    for (const name of used)
      if (!declared.has(name))
        ctx.addIssue({ code: 'custom', message: `namespace "${name}" is used but not declared` });
    const dup = (names: string[], what: string) => {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} "${n}"` });
        seen.add(n);
      }
    };
    dup(
      s.bridges.map((b) => b.name),
      'bridge',
    );
    dup(
      s.bridges.flatMap((b) => b.ports.map((p) => p.name)),
      'port',
    );
    dup(
      s.namespaces.map((n) => n.name),
      'namespace',
    );
    const domains = s.libvirt?.domains ?? [];
    dup(
      domains.map((d) => d.name),
      'domain',
    );
    dup(
      domains.map((d) => d.uuid),
      'domain uuid',
    );
    for (const d of domains)
      for (const i of d.interfaces) {
        if (i.interfaceId && !i.bridge)
          ctx.addIssue({ code: 'custom', message: `domain ${d.name}: interfaceId needs a bridge` });
        if (i.bridge && i.network)
          ctx.addIssue({ code: 'custom', message: `domain ${d.name}: a bridge or a network, not both` });
      }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type Bridge = z.infer<typeof bridgeSchema>;
export type Port = z.infer<typeof portSchema>;
export type Namespace = z.infer<typeof namespaceSchema>;
export type Domain = z.infer<typeof domainSchema>;
