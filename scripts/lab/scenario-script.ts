import { libvirtScript } from './libvirt';
import type { Bridge, Port, Scenario } from './scenario-schema';
import { heredoc, ovsMapArg, q } from './shell-quote';

// Turns a validated scenario into one sh script run inside the lab host (its netns and mount
// ns): few processes and few OVSDB transactions, so even the `large` scenario builds quickly.

type Device = {
  dev: string;
  addresses: string[];
  mac?: string | undefined;
  mtu?: number | undefined;
  /** false leaves it down; anything else brings it up. */
  up?: boolean | undefined;
};

function portColumns(p: Port): string[] {
  const cols: string[] = [];
  if (p.tag !== undefined) cols.push(`tag=${p.tag}`);
  if (p.trunks?.length) cols.push(`trunks=[${p.trunks.join(',')}]`);
  if (p.vlanMode) cols.push(`vlan_mode=${p.vlanMode}`);
  return cols;
}

function ifaceColumns(p: Port): string[] {
  const cols = Object.entries(p.externalIds ?? {}).map(([k, v]) => ovsMapArg('external_ids', k, v));
  if (p.type === 'internal') cols.unshift('type=internal');
  if (p.type === 'patch') cols.unshift('type=patch', ovsMapArg('options', 'peer', p.peer));
  if (p.type === 'vxlan' || p.type === 'gre' || p.type === 'geneve')
    cols.unshift(`type=${p.type}`, ...Object.entries(p.options).map(([k, v]) => ovsMapArg('options', k, v)));
  return cols;
}

/** ovs-vsctl arguments (after the binary) creating one bridge and all its ports in one transaction. */
export function bridgeTransaction(b: Bridge): string[] {
  const args = [
    '--timeout=300',
    '--',
    'add-br',
    b.name,
    '--',
    'set',
    'Bridge',
    b.name,
    'datapath_type=netdev',
  ];
  if (b.failMode) args.push(`fail_mode=${b.failMode}`);
  for (const [k, v] of Object.entries(b.externalIds ?? {})) args.push(ovsMapArg('external_ids', k, v));
  for (const [k, v] of Object.entries(b.otherConfig ?? {})) args.push(ovsMapArg('other_config', k, v));
  for (const p of b.ports) {
    if (p.type === 'bond') {
      args.push('--', 'add-bond', b.name, p.name, ...p.members.map((m) => m.name), ...portColumns(p));
      if (p.bondMode) args.push(`bond_mode=${p.bondMode}`);
      if (p.lacp) args.push(`lacp=${p.lacp}`);
      for (const m of p.members)
        for (const [k, v] of Object.entries(p.externalIds ?? {}))
          args.push('--', 'set', 'Interface', m.name, ovsMapArg('external_ids', k, v));
      continue;
    }
    args.push('--', 'add-port', b.name, p.name, ...portColumns(p));
    const iface = ifaceColumns(p);
    if (iface.length) args.push('--', 'set', 'Interface', p.name, ...iface);
  }
  return args;
}

const vethLine = (name: string, peer: string, ns?: string, peerNs?: string) =>
  `link add ${name}${ns ? ` netns ${ns}` : ''} type veth peer name ${peer}${peerNs ? ` netns ${peerNs}` : ''}`;

function deviceLines(d: Device): string[] {
  return [
    ...(d.mac ? [`link set dev ${d.dev} address ${d.mac}`] : []),
    ...(d.mtu ? [`link set dev ${d.dev} mtu ${d.mtu}`] : []),
    ...d.addresses.map((a) => `address add ${a} dev ${d.dev}`),
    ...(d.up === false ? [] : [`link set dev ${d.dev} up`]),
  ];
}

/** The script body that builds `scenario` inside a running lab host (OVS already up). */
export function scenarioScript(s: Scenario): string {
  const createLines: string[] = [];
  const hostDevices: Device[] = [];
  const moveLines: string[] = [];
  const nsDevices = new Map<string, Device[]>(s.namespaces.map((n) => [n.name, []]));
  const place = (ns: string | undefined, d: Device) => {
    if (ns) nsDevices.get(ns)?.push(d);
    else hostDevices.push(d);
  };

  for (const b of s.bridges)
    for (const p of b.ports) {
      if (p.type === 'veth') {
        createLines.push(vethLine(p.name, p.peer, undefined, p.peerNamespace));
        hostDevices.push({ dev: p.name, addresses: [], mtu: p.mtu, up: p.up });
        place(p.peerNamespace, {
          dev: p.peer,
          addresses: p.peerAddresses,
          mac: p.peerMac,
          mtu: p.peerMtu,
          up: p.peerUp,
        });
      } else if (p.type === 'bond') {
        for (const m of p.members) {
          createLines.push(vethLine(m.name, m.peer, undefined, m.peerNamespace));
          hostDevices.push({ dev: m.name, addresses: [], up: m.up });
          place(m.peerNamespace, { dev: m.peer, addresses: [], up: m.peerUp });
        }
      } else if (p.type === 'internal') {
        if (p.namespace) moveLines.push(`link set dev ${p.name} netns ${p.namespace}`);
        place(p.namespace, { dev: p.name, addresses: p.addresses, mac: p.mac, up: p.up });
      }
    }
  for (const n of s.namespaces)
    for (const l of n.links) {
      createLines.push(vethLine(l.name, l.peer, n.name, l.peerNamespace));
      place(n.name, { dev: l.name, addresses: l.addresses, mac: l.mac, mtu: l.mtu, up: l.up });
      place(l.peerNamespace, { dev: l.peer, addresses: l.peerAddresses, mtu: l.peerMtu, up: l.peerUp });
    }

  // With IPv6 on, duplicate address detection is off: a lab host must be settled when `up`
  // returns, and DAD finishing a second later adds `local fe80::…` routes (a host that changes
  // between two reads). Without IPv6 there is nothing to detect.
  const ipv6: Record<string, string> = s.ipv6
    ? { 'net.ipv6.conf.all.accept_dad': '0', 'net.ipv6.conf.default.accept_dad': '0' }
    : { 'net.ipv6.conf.all.disable_ipv6': '1', 'net.ipv6.conf.default.disable_ipv6': '1' };
  const sysctlLine = (prefix: string, values: Record<string, string>) =>
    Object.keys(values).length
      ? `${prefix}sysctl -qw ${Object.entries(values)
          .map(([k, v]) => q(`${k}=${v}`))
          .join(' ')}\n`
      : '';
  // Namespaces and their sysctls first: devices created in a namespace take its defaults.
  let out = sysctlLine('', ipv6);
  out += heredoc(
    'ip -batch -',
    s.namespaces.map((n) => `netns add ${n.name}`),
  );
  for (const n of s.namespaces)
    out += sysctlLine(`nsenter --net=/run/netns/${q(n.name)} `, { ...ipv6, ...(n.sysctls ?? {}) });
  out += heredoc('ip -batch -', createLines);
  for (const b of s.bridges) out += `ovs-vsctl ${bridgeTransaction(b).map(q).join(' ')}\n`;
  out += heredoc('ip -batch -', [...moveLines, ...hostDevices.flatMap(deviceLines)]);
  for (const n of s.namespaces) {
    const lines = [
      'link set dev lo up',
      ...n.loopback.map((a) => `address add ${a} dev lo`),
      ...(nsDevices.get(n.name) ?? []).flatMap(deviceLines),
      ...n.routes.map((r) => `route add ${r}`),
      ...n.rules.map((r) => `rule add ${r}`),
    ];
    out += heredoc(`ip -n ${q(n.name)} -batch -`, lines);
  }
  for (const b of s.bridges) out += heredoc(`ovs-ofctl --bundle add-flows ${q(b.name)} -`, b.flows);
  out += libvirtScript(s);
  return out;
}
