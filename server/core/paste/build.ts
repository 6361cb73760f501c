import { ofportNames } from '../flows/port-names';
import { SCHEMA_VERSION } from '../model/constants';
import { ifaceId, nsId } from '../model/identity';
import type {
  Bridge,
  Flow,
  HostModel,
  Interface,
  Link,
  Namespace,
  OvsState,
  Port,
  Route,
} from '../model/schema';
import { parseIpLinks } from '../parsers/ip-links';
import { parseIpRoutes } from '../parsers/ip-routes';
import { flowIdOf, parseFlows } from '../parsers/ofctl-flows';
import type { PasteCommand } from './command';
import { parseIpAddrText } from './ip-addr';
import { parseNetnsPaste } from './ip-netns';
import { parseIpRouteText } from './ip-route';
import { OFPP_LOCAL, parseOfctlShow } from './ofctl-show';
import { newBridge, newInterface, newPort } from './rows';
import { type PasteSection, splitPaste } from './split';
import { parseVsctlShow } from './vsctl-show';

/**
 * One HostModel from pasted command output (docs/paste-import.md). The model holds what the
 * outputs carry and nothing else: no hostname, no uuids, no flows for a bridge whose dump-flows
 * was not pasted. `origin` marks it as pasted and lists what was read; every section that could
 * not be read is a PartError, as a collection part would be. Never throws.
 */

export interface PasteOptions {
  /** When the paste was imported: the model's collectedAt. */
  now: Date;
  /** Inventory name for the model (default `pasted`). */
  host?: string;
}

export interface PasteSectionReport {
  command: PasteCommand;
  /** 1-based line of the paste where the section starts. */
  line: number;
  recognised: boolean;
  /** Why the section, or part of it, could not be read. */
  error?: string;
}

export interface PasteResult {
  model: HostModel;
  sections: PasteSectionReport[];
}

const RAW_LIMIT = 2000;
const DEFAULT_HOST = 'pasted';

/** How a section is named in `errors` and `origin`: like a collection part, with its bridge or namespace. */
function partOf(command: PasteCommand): { part: string; arg?: string } {
  const part = command.kind ?? command.tool ?? 'paste';
  const arg = command.kind?.startsWith('ovs-ofctl')
    ? command.bridge
    : command.kind?.startsWith('ip') && command.kind !== 'ip netns' && command.namespace !== ''
      ? command.namespace
      : undefined;
  return arg === undefined ? { part } : { part, arg };
}

/** The outcome of reading one section: what the parser could not read, and whether it read anything. */
interface Outcome {
  read: boolean;
  errors: string[];
}

const summary = (errors: string[]): string | undefined =>
  errors.length === 0
    ? undefined
    : `${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`;

/** A later listing of a link adds to an earlier one: `ip link` then `ip address`, `ip -d link`. */
function mergeLink(earlier: Link, later: Link): Link {
  return {
    ...earlier,
    ...later,
    kind: later.kind === 'device' ? earlier.kind : later.kind,
    addresses: later.addresses.length > 0 ? later.addresses : earlier.addresses,
  };
}

/** A JSON route list pasted without `-4`/`-6`: IPv6 when its destinations or gateways say so. */
function jsonRouteFamily(text: string): 'inet' | 'inet6' {
  try {
    const routes: unknown = JSON.parse(text);
    const v6 = (r: unknown) =>
      typeof r === 'object' &&
      r !== null &&
      ['dst', 'gateway'].some((k) => String((r as Record<string, unknown>)[k] ?? '').includes(':'));
    return Array.isArray(routes) && routes.some(v6) ? 'inet6' : 'inet';
  } catch {
    // Unreadable JSON: parseIpRoutes reports it.
    return 'inet';
  }
}

class Assembly {
  readonly nsids = new Map<string, number | null>();
  private readonly namespaces = new Map<string, Namespace>();
  private readonly bridges = new Map<string, Bridge>();
  private readonly ports = new Map<string, Port>();
  private readonly interfaces = new Map<string, Interface>();
  private readonly flows = new Map<string, Map<string, Flow>>();
  private system: OvsState['system'] | null = null;
  private ovsRead = false;

  namespace(name: string): Namespace {
    let ns = this.namespaces.get(name);
    if (!ns) {
      ns = {
        id: nsId(name),
        name,
        isRoot: name === '',
        netnsid: this.nsids.get(name) ?? null,
        peers: [],
        links: [],
        routes: [],
        rules: [],
      };
      this.namespaces.set(name, ns);
    }
    return ns;
  }

  /** A later `ovs-vsctl show` replaces what an earlier one said about the same rows. */
  addOvs(ovs: OvsState): void {
    this.ovsRead = true;
    const s = ovs.system;
    this.system = this.system
      ? {
          ...this.system,
          uuid: s.uuid || this.system.uuid,
          ovsVersion: s.ovsVersion ?? this.system.ovsVersion,
        }
      : s;
    for (const b of ovs.bridges) this.bridges.set(b.name, b);
    for (const p of ovs.ports) this.ports.set(p.id, p);
    for (const i of ovs.interfaces) this.interfaces.set(i.id, i);
  }

  /** A bridge only ovs-ofctl output names: its datapath type is not in the paste. */
  bridge(name: string): Bridge {
    this.ovsRead = true;
    let b = this.bridges.get(name);
    if (!b) {
      b = newBridge(name, '');
      this.bridges.set(name, b);
    }
    return b;
  }

  ofctlShow(section: PasteSection): Outcome {
    const parsed = parseOfctlShow(section.text);
    const name = section.command.bridge ?? parsed.localName;
    if (name === null)
      return { read: false, errors: ['no bridge: paste the "ovs-ofctl show BRIDGE" line too'] };
    if (parsed.ports.length === 0) return { read: false, errors: parsed.errors };
    const bridge = this.bridge(name);
    if (parsed.datapathId) bridge.datapathId = parsed.datapathId;
    const errors = [...parsed.errors];
    for (const p of parsed.ports) {
      let iface = this.interfaces.get(ifaceId(p.name));
      if (iface && iface.bridge !== name) {
        errors.push(`port ${p.name} is on ${iface.bridge ?? 'no bridge'} in ovs-vsctl show, not on ${name}`);
        continue;
      }
      if (!iface) {
        // Listed by ovs-ofctl only: the LOCAL port is the bridge's internal interface; any other
        // port's type is not in the paste.
        const port = newPort(name, p.name);
        iface = newInterface(p.name, port, p.ofport === OFPP_LOCAL ? 'internal' : '');
        port.interfaces.push(iface.id);
        bridge.ports.push(port.id);
        this.ports.set(port.id, port);
        this.interfaces.set(iface.id, iface);
      }
      iface.ofport = p.ofport;
      if (p.mac !== null) iface.macInUse = p.mac;
      if (p.adminState !== null) iface.adminState = p.adminState;
      if (p.linkState !== null) iface.linkState = p.linkState;
      if (p.linkSpeed !== null) iface.linkSpeed = p.linkSpeed;
    }
    return { read: true, errors };
  }

  /**
   * Flows printed without `--names` say `in_port=2`: ids are made from the match as `--names`
   * prints it when the port numbers are known (ovs-ofctl show), so a pasted flow has the id the
   * same flow has in a collected model. `match`, `inPort` and `raw` stay as pasted; readers name
   * ports through ofportNames, as for any model.
   */
  dumpFlows(section: PasteSection, model: HostModel): Outcome {
    const name = section.command.bridge;
    if (name === undefined)
      return { read: false, errors: ['no bridge: paste the "ovs-ofctl dump-flows BRIDGE" line too'] };
    const firstLine = section.text.trimStart().split('\n')[0] ?? '';
    if (firstLine.startsWith('ovs-ofctl:')) {
      // ovs-ofctl's own error says the bridge's flows could not be read, as a collection would.
      this.bridge(name).flowsError = firstLine;
      return { read: false, errors: [firstLine] };
    }
    const parsed = parseFlows(section.text, name);
    if (parsed.flows.length === 0 && parsed.errors.length > 0) return { read: false, errors: parsed.errors };
    this.bridge(name);
    const names = ofportNames(model, name);
    const byId = this.flows.get(name) ?? new Map<string, Flow>();
    for (const flow of parsed.flows) {
      const named = flow.inPort === undefined ? undefined : names.get(flow.inPort);
      const id =
        named === undefined
          ? flow.id
          : flowIdOf(
              name,
              flow.table,
              flow.tableName,
              flow.priority,
              flow.match.map((m) => (m.field === 'in_port' ? { ...m, value: named } : m)),
            );
      byId.set(id, { ...flow, id });
    }
    this.flows.set(name, byId);
    return { read: true, errors: parsed.errors };
  }

  ip(section: PasteSection): Outcome {
    const { command, text } = section;
    const ns = this.namespace(command.namespace);
    if (command.kind === 'ip route') {
      const family = command.family ?? (command.json ? jsonRouteFamily(text) : undefined);
      const parsed = command.json
        ? parseIpRoutes(text, ns.name, family ?? 'inet')
        : parseIpRouteText(text, ns.name, family);
      const byId = new Map<string, Route>(ns.routes.map((r) => [r.id, r]));
      for (const r of parsed.items) byId.set(r.id, r);
      ns.routes = [...byId.values()];
      return { read: parsed.items.length > 0 || parsed.errors.length === 0, errors: parsed.errors };
    }
    const nsids = new Map([...this.nsids].flatMap(([n, id]) => (id === null ? [] : [[n, id] as const])));
    const parsed = command.json ? parseIpLinks(text, ns.name) : parseIpAddrText(text, ns.name, nsids);
    const byName = new Map<string, Link>(ns.links.map((l) => [l.name, l]));
    for (const l of parsed.items) {
      const earlier = byName.get(l.name);
      byName.set(l.name, earlier ? mergeLink(earlier, l) : l);
    }
    ns.links = [...byName.values()];
    return { read: parsed.items.length > 0 || parsed.errors.length === 0, errors: parsed.errors };
  }

  ovs(): OvsState | null {
    if (!this.ovsRead) return null;
    for (const [name, flows] of this.flows) {
      const bridge = this.bridges.get(name);
      if (bridge) bridge.flows = [...flows.values()];
    }
    // Say why a bridge has no flows: they were not pasted, not "could not be read".
    for (const bridge of this.bridges.values())
      if (bridge.flows === null && !bridge.flowsError)
        bridge.flowsError = `not in the paste; add the output of "ovs-ofctl dump-flows ${bridge.name}"`;
    return {
      system: this.system ?? {
        uuid: '',
        ovsVersion: null,
        dbVersion: null,
        systemId: null,
        externalIds: {},
        otherConfig: {},
      },
      bridges: [...this.bridges.values()],
      ports: [...this.ports.values()],
      interfaces: [...this.interfaces.values()],
    };
  }

  /** Root first, then the namespaces `ip netns` listed, in its order, then any other one named. */
  allNamespaces(): Namespace[] {
    const order = ['', ...this.nsids.keys(), ...this.namespaces.keys()];
    return [...new Set(order)].map((name) => this.namespace(name));
  }
}

/** Why a section of no known output was skipped; text without a prompt is quoted, to find it. */
function notRead(s: PasteSection): string {
  const why = s.command.unsupported ?? 'not read';
  return s.command.typed === null ? `${why}: "${(s.text.split('\n')[0] ?? '').slice(0, 80)}"` : why;
}

function assemble(text: string, opts: PasteOptions): PasteResult {
  const sections = splitPaste(text);
  const outcomes = new Map<PasteSection, Outcome>();
  const a = new Assembly();
  const ofKind = (...kinds: PasteCommand['kind'][]) => sections.filter((s) => kinds.includes(s.command.kind));

  // Order matters: namespace ids before links name peers, ports before flows use their numbers.
  for (const s of ofKind('ip netns')) {
    const parsed = parseNetnsPaste(s.text, s.command.json);
    for (const e of parsed.items) a.nsids.set(e.name, e.nsid);
    outcomes.set(s, { read: parsed.items.length > 0 || parsed.errors.length === 0, errors: parsed.errors });
  }
  for (const s of ofKind('ovs-vsctl show')) {
    const parsed = parseVsctlShow(s.text);
    if (parsed.ovs) a.addOvs(parsed.ovs);
    outcomes.set(s, { read: parsed.ovs !== null, errors: parsed.errors });
  }
  for (const s of ofKind('ovs-ofctl show')) outcomes.set(s, a.ofctlShow(s));
  const model: HostModel = {
    schemaVersion: SCHEMA_VERSION,
    host: opts.host ?? DEFAULT_HOST,
    collectedAt: opts.now.toISOString(),
    hostname: null,
    ovs: a.ovs(),
    namespaces: [],
    origin: { kind: 'paste', parts: [] },
    errors: [],
  };
  for (const s of ofKind('ovs-ofctl dump-flows')) outcomes.set(s, a.dumpFlows(s, model));
  for (const s of ofKind('ip address', 'ip link', 'ip route')) outcomes.set(s, a.ip(s));
  model.ovs = a.ovs();
  model.namespaces = a.allNamespaces();

  const reports: PasteSectionReport[] = [];
  const parts = new Set<string>();
  for (const s of sections) {
    const outcome = outcomes.get(s) ?? { read: false, errors: [notRead(s)] };
    const error = summary(outcome.errors);
    reports.push({ command: s.command, line: s.line, recognised: outcome.read, ...(error ? { error } : {}) });
    const { part, arg } = partOf(s.command);
    if (outcome.read) parts.add(arg === undefined ? part : `${part} ${arg}`);
    if (error) {
      model.errors.push({
        part,
        ...(arg === undefined ? {} : { arg }),
        message: `line ${s.line}: ${error}`,
        ...(s.text ? { raw: s.text.slice(0, RAW_LIMIT) } : {}),
      });
    }
  }
  model.origin = { kind: 'paste', parts: [...parts] };
  return { model, sections: reports };
}

export function modelFromPaste(text: string, opts: PasteOptions): PasteResult {
  try {
    return assemble(text, opts);
  } catch (e) {
    // The parsers are written not to throw; this is the last guard so a paste never breaks the caller.
    const message = `internal parser error: ${(e as Error).message}`;
    return {
      model: {
        schemaVersion: SCHEMA_VERSION,
        host: opts.host ?? DEFAULT_HOST,
        collectedAt: opts.now.toISOString(),
        hostname: null,
        ovs: null,
        namespaces: [],
        origin: { kind: 'paste', parts: [] },
        errors: [{ part: 'paste', message }],
      },
      sections: [],
    };
  }
}
