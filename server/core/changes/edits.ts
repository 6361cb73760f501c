import { z } from 'zod';

/**
 * The edit vocabulary: every change to a host (from the graph editor, a changes file, a lint fix,
 * a snapshot restore) is a list of these. Pure zod, browser-safe; docs/changes.md documents it
 * and `npm run changes:schema` … (see jsonSchema()) writes its JSON Schema. Field names are
 * camelCase; OVS option keys are spelled as OVS spells them.
 *
 * Schemas check shape and syntax only; applyEdits checks each edit against the model (the
 * bridge exists, the name is free, the gateway is on-link, …).
 */

/**
 * Linux interface names (IFNAMSIZ - 1 = 15 bytes) and the names OVS and `ip netns` accept,
 * narrowed to a safe set: no slash, whitespace, shell metacharacter, quote or control byte can
 * reach an argument vector, and no name can look like an option (leading '-').
 */
export const IFNAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,14}$/;
export const IfName = z
  .string()
  .regex(IFNAME_RE, 'at most 15 of A-Z a-z 0-9 _ . : - (not starting with "." ":" or "-")')
  .refine((s) => s !== '.' && s !== '..', 'not "." or ".."');

/** Namespace names: a file name under /run/netns, same safe set, up to 64 bytes. */
export const NAMESPACE_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;
export const NamespaceName = z
  .string()
  .regex(NAMESPACE_RE, 'at most 64 of A-Z a-z 0-9 _ . - (not starting with "." or "-")');

/** OVSDB string-map keys and values (external_ids, options): printable, no quotes or separators. */
const MAP_KEY_RE = /^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/;
const MAP_VALUE_RE = /^[A-Za-z0-9_.:/@+=-]{0,255}$/;
export const StringMap = z.record(
  z.string().regex(MAP_KEY_RE, 'keys: letters, digits, _ . : - (max 64)'),
  z.string().regex(MAP_VALUE_RE, 'values: letters, digits and _ . : / @ + = - (max 255)'),
);

export const VlanTag = z.number().int().min(0).max(4095);
export const VlanMode = z.enum(['access', 'native-tagged', 'native-untagged', 'trunk', 'dot1q-tunnel']);
export const PortType = z.enum(['internal', 'system', 'patch', 'vxlan', 'gre', 'geneve']);

/** IPv4 or IPv6 address with a prefix length; parsed by cidr.ts. */
export const Cidr = z.string().max(50);
/** A route destination: a CIDR or `default`. */
export const RouteDst = z.string().max(50);
export const IpAddress = z.string().max(45);

const FlowText = z
  .string()
  .min(1)
  .max(2000)
  // ovs-ofctl parses this text itself; it reaches it as ONE argument, never through a shell.
  .regex(/^[^\0\n\r]*$/, 'one line, no NUL');

const ovs = {
  addBridge: z.strictObject({
    op: z.literal('add-bridge'),
    name: IfName,
    failMode: z.enum(['secure', 'standalone']).optional(),
    datapathType: z.enum(['system', 'netdev']).optional(),
    protocols: z
      .array(z.enum(['OpenFlow10', 'OpenFlow11', 'OpenFlow12', 'OpenFlow13', 'OpenFlow14', 'OpenFlow15']))
      .max(6)
      .optional(),
    externalIds: StringMap.optional(),
  }),
  deleteBridge: z.strictObject({ op: z.literal('delete-bridge'), name: IfName }),
  addPort: z.strictObject({
    op: z.literal('add-port'),
    bridge: IfName,
    name: IfName,
    type: PortType,
    tag: VlanTag.optional(),
    trunks: z.array(VlanTag).max(4096).optional(),
    vlanMode: VlanMode.optional(),
    options: z
      .strictObject({
        peer: IfName.optional(),
        remote_ip: IpAddress.optional(),
        local_ip: IpAddress.optional(),
        key: z
          .string()
          .regex(/^(flow|\d{1,10})$/, 'a number or "flow"')
          .optional(),
        dst_port: z
          .string()
          .regex(/^\d{1,5}$/, 'a UDP port number')
          .optional(),
      })
      .optional(),
    externalIds: StringMap.optional(),
  }),
  deletePort: z.strictObject({ op: z.literal('delete-port'), name: IfName, bridge: IfName.optional() }),
  setPort: z.strictObject({
    op: z.literal('set-port'),
    name: IfName,
    tag: VlanTag.nullable().optional(),
    trunks: z.array(VlanTag).max(4096).optional(),
    vlanMode: VlanMode.nullable().optional(),
  }),
  addPatch: z.strictObject({
    op: z.literal('add-patch'),
    bridge: IfName,
    port: IfName,
    peerBridge: IfName,
    peerPort: IfName,
  }),
  setInterface: z.strictObject({
    op: z.literal('set-interface'),
    name: IfName,
    options: StringMap.optional(),
    mtuRequest: z.number().int().min(68).max(65535).nullable().optional(),
    externalIds: StringMap.optional(),
  }),
  addFlow: z.strictObject({
    op: z.literal('add-flow'),
    bridge: IfName,
    table: z.number().int().min(0).max(254).default(0),
    priority: z.number().int().min(0).max(65535).default(32768),
    cookie: z
      .string()
      .regex(/^0x[0-9a-f]{1,16}$/i, 'hex, e.g. 0x1f')
      .optional(),
    match: FlowText.or(z.literal('')),
    actions: FlowText,
  }),
  deleteFlow: z.strictObject({
    op: z.literal('delete-flow'),
    bridge: IfName,
    table: z.number().int().min(0).max(254).default(0),
    priority: z.number().int().min(0).max(65535).default(32768),
    match: FlowText.or(z.literal('')),
  }),
};

/** A route as `ip route` names it: both add-route and delete-route select by these. */
const routeFields = {
  namespace: NamespaceName.optional(),
  table: z
    .union([
      z
        .number()
        .int()
        .min(1)
        .max(2 ** 31 - 1),
      z.enum(['main', 'local']),
    ])
    .optional(),
  dst: RouteDst,
  via: IpAddress.optional(),
  dev: IfName.optional(),
  metric: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
};

const kernel = {
  addNamespace: z.strictObject({ op: z.literal('add-namespace'), name: NamespaceName }),
  deleteNamespace: z.strictObject({ op: z.literal('delete-namespace'), name: NamespaceName }),
  addVeth: z.strictObject({
    op: z.literal('add-veth'),
    name: IfName,
    peer: IfName,
    namespace: NamespaceName.optional(),
    peerNamespace: NamespaceName.optional(),
  }),
  moveLink: z.strictObject({
    op: z.literal('move-link'),
    name: IfName,
    from: NamespaceName.optional(),
    /** A namespace name, or null for the root namespace. */
    to: NamespaceName.nullable(),
  }),
  setLink: z.strictObject({
    op: z.literal('set-link'),
    namespace: NamespaceName.optional(),
    name: IfName,
    up: z.boolean().optional(),
    mtu: z.number().int().min(68).max(65535).optional(),
    mac: z
      .string()
      .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i, 'aa:bb:cc:dd:ee:ff')
      .optional(),
  }),
  deleteLink: z.strictObject({
    op: z.literal('delete-link'),
    namespace: NamespaceName.optional(),
    name: IfName,
  }),
  addAddress: z.strictObject({
    op: z.literal('add-address'),
    namespace: NamespaceName.optional(),
    link: IfName,
    address: Cidr,
  }),
  deleteAddress: z.strictObject({
    op: z.literal('delete-address'),
    namespace: NamespaceName.optional(),
    link: IfName,
    address: Cidr,
  }),
  addRoute: z.strictObject({ op: z.literal('add-route'), ...routeFields }),
  deleteRoute: z.strictObject({ op: z.literal('delete-route'), ...routeFields }),
};

export const Edit = z.discriminatedUnion('op', [
  ovs.addBridge,
  ovs.deleteBridge,
  ovs.addPort,
  ovs.deletePort,
  ovs.setPort,
  ovs.addPatch,
  ovs.setInterface,
  ovs.addFlow,
  ovs.deleteFlow,
  kernel.addNamespace,
  kernel.deleteNamespace,
  kernel.addVeth,
  kernel.moveLink,
  kernel.setLink,
  kernel.deleteLink,
  kernel.addAddress,
  kernel.deleteAddress,
  kernel.addRoute,
  kernel.deleteRoute,
]);
export type Edit = z.infer<typeof Edit>;
export type EditInput = z.input<typeof Edit>;
export type EditOp = Edit['op'];
export type EditOf<O extends EditOp> = Extract<Edit, { op: O }>;

/** A changes file: `{edits: [...]}` or a bare list. At most 5,000 edits. */
export const ChangesFile = z.union([
  z.strictObject({ edits: z.array(z.unknown()).max(5000) }),
  z.array(z.unknown()).max(5000),
]);

/** A problem with one edit: which one (index in the list), which field, and why. */
export interface EditError {
  index: number;
  op: string | null;
  field: string | null;
  message: string;
}
