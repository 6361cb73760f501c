import type { Bridge, Interface, OvsState, Port } from '../../model/schema';
import type { EditOf } from '../edits';
import { type ApplyContext, DATAPATH_LINK_RE, isDeviceType, isInternalType, listNames } from './context';
import { checkOptions, TUNNEL_TYPES, vlanProblem } from './ovs-options';
import {
  datapathLinkName,
  newBridge,
  newDatapathLink,
  newInterface,
  newInternalLink,
  newPort,
  newTunnelSysLink,
  normalizeTrunks,
  tunnelSysLinkName,
} from './shapes';

// ---------------------------------------------------------------- kernel side effects of OVS

/** Root kernel links the datapath of `bridge` makes or takes when an interface joins it. */
function attachKernel(ctx: ApplyContext, bridge: Bridge, iface: Interface): void {
  const root = ctx.root();
  const kernelDatapath = ctx.bridgeDatapath(bridge) !== 'netdev';
  if (isInternalType(iface.type)) {
    root.links.push(newInternalLink('', iface.name, ctx.bridgeDatapath(bridge)));
  } else if (isDeviceType(iface.type) && kernelDatapath) {
    // The kernel datapath enslaves the device to ovs-system; the userspace one only opens it.
    const link = ctx.findLink(root, iface.name);
    if (link) {
      link.master = 'ovs-system';
      link.slaveKind = 'openvswitch';
    }
  } else if (TUNNEL_TYPES.includes(iface.type) && kernelDatapath) {
    const name = tunnelSysLinkName(iface.type, iface.options.dst_port);
    if (name && !ctx.findLink(root, name)) root.links.push(newTunnelSysLink(name, iface.type));
  }
}

/** Undoes attachKernel after `iface` left `bridge` (already removed from the model). */
function detachKernel(ctx: ApplyContext, bridge: Bridge, iface: Interface): void {
  const root = ctx.root();
  const kernelDatapath = ctx.bridgeDatapath(bridge) !== 'netdev';
  if (isInternalType(iface.type)) {
    const backing = ctx.backingLink(iface);
    if (backing) ctx.dropLink(backing.ns, backing.link);
  } else if (isDeviceType(iface.type) && kernelDatapath) {
    const link = ctx.findLink(root, iface.name);
    if (link && link.master === 'ovs-system') {
      delete link.master;
      delete link.slaveKind;
    }
  } else if (TUNNEL_TYPES.includes(iface.type) && kernelDatapath) {
    const name = tunnelSysLinkName(iface.type, iface.options.dst_port);
    const ovs = ctx.model.ovs;
    const stillUsed = ovs?.interfaces.some((i) => {
      const b = i.bridge === null ? undefined : ctx.findBridge(i.bridge);
      return (
        b && ctx.bridgeDatapath(b) !== 'netdev' && tunnelSysLinkName(i.type, i.options.dst_port) === name
      );
    });
    const link = name === null ? undefined : ctx.findLink(root, name);
    if (link && !stillUsed) ctx.dropLink(root, link);
  }
}

function removePort(ctx: ApplyContext, ovs: OvsState, port: Port): void {
  const bridge = port.bridge === null ? undefined : ctx.findBridge(port.bridge);
  const ifaces = ovs.interfaces.filter((i) => port.interfaces.includes(i.id));
  ovs.ports = ovs.ports.filter((p) => p !== port);
  ovs.interfaces = ovs.interfaces.filter((i) => !port.interfaces.includes(i.id));
  if (bridge) {
    bridge.ports = bridge.ports.filter((id) => id !== port.id);
    for (const iface of ifaces) detachKernel(ctx, bridge, iface);
  }
}

// ---------------------------------------------------------------- bridges

export function addBridge(ctx: ApplyContext, edit: EditOf<'add-bridge'>): void {
  const before = ctx.errors.length;
  const ovs = ctx.ovs('name');
  if (!ovs) return;
  ctx.requireFreeOvsName('name', edit.name, { kernel: true });
  if (DATAPATH_LINK_RE.test(edit.name))
    ctx.fail('name', `${edit.name} is a name Open vSwitch uses for its datapath`);
  if (ctx.errors.length > before) return;

  // A host whose bridges all use one datapath (a userspace lab: netdev) gets that one by default.
  const types = new Set(ovs.bridges.map((b) => ctx.bridgeDatapath(b)));
  const datapathType = edit.datapathType ?? (types.size === 1 ? [...types][0] : undefined) ?? 'system';
  const bridge = newBridge(edit.name, {
    datapathType,
    failMode: edit.failMode ?? null,
    protocols: [...new Set(edit.protocols ?? [])],
    externalIds: { ...(edit.externalIds ?? {}) },
  });
  const root = ctx.root();
  if (!ctx.findLink(root, datapathLinkName(datapathType))) root.links.push(newDatapathLink(datapathType));
  ovs.bridges.push(bridge);
  const port = newPort(edit.name, edit.name);
  const iface = newInterface(edit.name, edit.name, 'internal');
  ovs.ports.push(port);
  ovs.interfaces.push(iface);
  attachKernel(ctx, bridge, iface);
}

export function deleteBridge(ctx: ApplyContext, edit: EditOf<'delete-bridge'>): void {
  const bridge = ctx.requireBridge('name', edit.name);
  const ovs = ctx.model.ovs;
  if (!bridge || !ovs) return;
  for (const port of ovs.ports.filter((p) => p.bridge === bridge.name)) removePort(ctx, ovs, port);
  ovs.bridges = ovs.bridges.filter((b) => b !== bridge);
  const datapathType = ctx.bridgeDatapath(bridge);
  if (!ovs.bridges.some((b) => ctx.bridgeDatapath(b) === datapathType)) {
    const root = ctx.root();
    const link = ctx.findLink(root, datapathLinkName(datapathType));
    if (link) ctx.dropLink(root, link);
  }
}

// ---------------------------------------------------------------- ports

export function addPort(ctx: ApplyContext, edit: EditOf<'add-port'>): void {
  const before = ctx.errors.length;
  const bridge = ctx.requireBridge('bridge', edit.bridge);
  const ovs = ctx.model.ovs;
  if (!ovs) return;
  const free = ctx.requireFreeOvsName('name', edit.name, { kernel: edit.type === 'internal' });
  if (DATAPATH_LINK_RE.test(edit.name))
    ctx.fail('name', `${edit.name} is a name Open vSwitch uses for its datapath`);
  if (edit.type === 'system' && free) {
    const link = ctx.findLink(ctx.root(), edit.name);
    if (!link)
      ctx.fail(
        'name',
        `a system port needs a kernel link ${edit.name} in the root namespace, and there is none; create it first (for example with add-veth) or use type internal`,
      );
    else if (link.linkType === 'loopback')
      ctx.fail('name', `${edit.name} is the loopback; it cannot be a port`);
  }
  const options = { ...(edit.options ?? {}) } as Record<string, string>;
  checkOptions(ctx, 'options', edit.name, edit.type, options, options);
  const problem = vlanProblem(edit.tag ?? null, edit.trunks ?? [], edit.vlanMode ?? null);
  if (problem) ctx.fail('vlanMode', problem);
  if (ctx.errors.length > before || !bridge) return;

  const port = newPort(bridge.name, edit.name, {
    tag: edit.tag ?? null,
    trunks: edit.trunks ?? [],
    vlanMode: edit.vlanMode ?? null,
  });
  // iface-id, attached-mac, vm-uuid… live on the Interface, where OVN and Neutron read them.
  const iface = newInterface(bridge.name, edit.name, edit.type, options, { ...(edit.externalIds ?? {}) });
  ovs.ports.push(port);
  ovs.interfaces.push(iface);
  bridge.ports.push(port.id);
  attachKernel(ctx, bridge, iface);
}

function requirePort(ctx: ApplyContext, field: string, name: string, bridge?: string): Port | undefined {
  const ovs = ctx.ovs(field);
  if (!ovs) return undefined;
  const port = ctx.findPort(name);
  if (!port) {
    const iface = ctx.findInterface(name);
    const hint = iface?.port
      ? `; ${name} is an interface of port ${ovs.ports.find((p) => p.id === iface.port)?.name ?? iface.port}`
      : bridge && ctx.findBridge(bridge)
        ? ` (ports of ${bridge}: ${listNames(ovs.ports.filter((p) => p.bridge === bridge).map((p) => p.name))})`
        : ` (ports: ${listNames(ovs.ports.map((p) => p.name))})`;
    ctx.fail(field, `port ${name} does not exist${hint}`);
  }
  return port;
}

export function deletePort(ctx: ApplyContext, edit: EditOf<'delete-port'>): void {
  const before = ctx.errors.length;
  if (edit.bridge !== undefined) ctx.requireBridge('bridge', edit.bridge);
  const port = requirePort(ctx, 'name', edit.name, edit.bridge);
  if (port && edit.bridge !== undefined && ctx.findBridge(edit.bridge) && port.bridge !== edit.bridge)
    ctx.fail('bridge', `port ${edit.name} is on bridge ${port.bridge ?? '(none)'}, not ${edit.bridge}`);
  if (port && port.bridge !== null && port.name === port.bridge)
    ctx.fail('name', `${edit.name} is the bridge's own port; delete the bridge with delete-bridge instead`);
  const ovs = ctx.model.ovs;
  if (ctx.errors.length > before || !port || !ovs) return;
  removePort(ctx, ovs, port);
}

export function setPort(ctx: ApplyContext, edit: EditOf<'set-port'>): void {
  const before = ctx.errors.length;
  const port = requirePort(ctx, 'name', edit.name);
  if (edit.tag === undefined && edit.trunks === undefined && edit.vlanMode === undefined)
    ctx.fail(null, 'set-port changes nothing: give tag, trunks or vlanMode');
  if (!port || ctx.errors.length > before) return;
  const tag = edit.tag === undefined ? port.tag : edit.tag;
  const trunks = edit.trunks === undefined ? port.trunks : normalizeTrunks(edit.trunks);
  const vlanMode = edit.vlanMode === undefined ? port.vlanMode : edit.vlanMode;
  const problem = vlanProblem(tag, trunks, vlanMode);
  if (problem) {
    const field = edit.vlanMode !== undefined ? 'vlanMode' : edit.tag !== undefined ? 'tag' : 'trunks';
    ctx.fail(
      field,
      `${problem} (port ${port.name} would have tag ${tag ?? 'none'}, trunks [${trunks.join(',')}], vlanMode ${vlanMode ?? 'default'})`,
    );
    return;
  }
  port.tag = tag;
  port.trunks = trunks;
  port.vlanMode = vlanMode;
}

export function addPatch(ctx: ApplyContext, edit: EditOf<'add-patch'>): void {
  const before = ctx.errors.length;
  const bridge = ctx.requireBridge('bridge', edit.bridge);
  const peerBridge = ctx.requireBridge('peerBridge', edit.peerBridge);
  const ovs = ctx.model.ovs;
  if (!ovs) return;
  if (edit.port === edit.peerPort) ctx.fail('peerPort', 'the two ends of a patch need different names');
  ctx.requireFreeOvsName('port', edit.port, { kernel: false });
  if (edit.port !== edit.peerPort) ctx.requireFreeOvsName('peerPort', edit.peerPort, { kernel: false });
  if (ctx.errors.length > before || !bridge || !peerBridge) return;
  const ends: [Bridge, string, string][] = [
    [bridge, edit.port, edit.peerPort],
    [peerBridge, edit.peerPort, edit.port],
  ];
  for (const [b, name, peer] of ends) {
    const port = newPort(b.name, name);
    ovs.ports.push(port);
    ovs.interfaces.push(newInterface(b.name, name, 'patch', { peer }));
    b.ports.push(port.id);
  }
}

// ---------------------------------------------------------------- interfaces

export function setInterface(ctx: ApplyContext, edit: EditOf<'set-interface'>): void {
  const before = ctx.errors.length;
  const ovs = ctx.ovs('name');
  if (!ovs) return;
  const iface = ctx.findInterface(edit.name);
  if (!iface) {
    const port = ctx.findPort(edit.name);
    const hint = port
      ? `; ${edit.name} is a port whose interfaces are ${listNames(port.interfaces.map((id) => id.replace(/^iface:/, '')))}`
      : ` (interfaces: ${listNames(ovs.interfaces.map((i) => i.name))})`;
    ctx.fail('name', `interface ${edit.name} does not exist${hint}`);
    return;
  }
  if (edit.options === undefined && edit.mtuRequest === undefined && edit.externalIds === undefined)
    ctx.fail(null, 'set-interface changes nothing: give options, mtuRequest or externalIds');
  const options = { ...iface.options, ...(edit.options ?? {}) };
  if (edit.options) checkOptions(ctx, 'options', iface.name, iface.type, options, edit.options);
  if (edit.mtuRequest !== undefined && edit.mtuRequest !== null && iface.type === 'patch')
    ctx.fail('mtuRequest', `${iface.name} is a patch port; patch ports have no MTU`);
  if (ctx.errors.length > before) return;

  const bridge = iface.bridge === null ? undefined : ctx.findBridge(iface.bridge);
  // A tunnel whose UDP port changes moves to another shared kernel tunnel device.
  if (bridge && edit.options) detachKernelTunnelSwap(ctx, bridge, iface, options);
  else iface.options = options;
  if (edit.externalIds) iface.externalIds = { ...iface.externalIds, ...edit.externalIds };
  if (edit.mtuRequest !== undefined) {
    iface.mtuRequest = edit.mtuRequest;
    if (edit.mtuRequest !== null) {
      // OVS sets the device MTU to the request.
      iface.mtu = edit.mtuRequest;
      const backing = ctx.backingLink(iface);
      if (backing) backing.link.mtu = edit.mtuRequest;
    }
  }
}

function detachKernelTunnelSwap(
  ctx: ApplyContext,
  bridge: Bridge,
  iface: Interface,
  options: Record<string, string>,
): void {
  if (!TUNNEL_TYPES.includes(iface.type) || options.dst_port === iface.options.dst_port) {
    iface.options = options;
    return;
  }
  const ovs = ctx.model.ovs;
  if (!ovs) return;
  // Detach the old shape (as if removed), then attach the new one, keeping the list order.
  const at = ovs.interfaces.indexOf(iface);
  ovs.interfaces.splice(at, 1);
  detachKernel(ctx, bridge, { ...iface });
  iface.options = options;
  ovs.interfaces.splice(at, 0, iface);
  attachKernel(ctx, bridge, iface);
}
