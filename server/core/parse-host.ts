import { SCHEMA_VERSION } from './model/constants';
import { nsId } from './model/identity';
import type { HostModel, Namespace, PartError, Vm } from './model/schema';
import { parseIpLinks } from './parsers/ip-links';
import { parseIpRoutes } from './parsers/ip-routes';
import { parseIpRules } from './parsers/ip-rules';
import { parseNetnsList, parseNsids } from './parsers/netns';
import { parseFlows } from './parsers/ofctl-flows';
import { parseOvsVersion } from './parsers/ovs-version';
import { parseOvsdb } from './parsers/ovsdb';
import { type Section, splitStream } from './parsers/stream';
import { parseVirshDomain, parseVirshList, VIRSH_MAX_DOMAINS } from './parsers/virsh';

export const STREAM_VERSION = 4;
/**
 * v1 ran one `ip` per part; v2 batches them per namespace (both split into the same parts); v3
 * adds libvirt's domains (`virsh`, `domain <uuid>`); v4 adds `ovs-version` (`ovs-vswitchd --version`).
 */
const READABLE_VERSIONS = new Set([1, 2, 3, 4]);
const FIRST_WITH_VIRSH = 3;
const FIRST_WITH_OVS_VERSION = 4;
const RAW_LIMIT = 2000;

/**
 * The parts of a host a scoped read collects (server/collect/scoped.ts): what a change touches,
 * read quickly on a large host. Parts outside it are not reported missing; namespaces the list
 * names but the scope leaves out appear without links, routes or rules.
 */
export interface ReadScope {
  ovsdb: boolean;
  /** Bridges whose flows are read (needs `ovsdb`). */
  flows: string[];
  /** The `ip netns list` part. */
  netns: boolean;
  /** Namespaces whose links, routes and rules are read ('' = the root namespace). */
  namespaces: string[];
}

const key = (part: string, arg?: string) => (arg === undefined ? part : `${part}\u0000${arg}`);

class Collector {
  readonly errors: PartError[] = [];
  // Indexed: a large host has thousands of sections.
  private readonly byKey = new Map<string, Section>();
  constructor(sections: Section[]) {
    for (const s of sections) if (!this.byKey.has(key(s.part, s.arg))) this.byKey.set(key(s.part, s.arg), s);
  }

  find(part: string, arg?: string): Section | undefined {
    return this.byKey.get(key(part, arg));
  }

  add(part: string, arg: string | undefined, message: string, raw?: string): void {
    this.errors.push({
      part,
      ...(arg === undefined ? {} : { arg }),
      message,
      ...(raw ? { raw: raw.slice(0, RAW_LIMIT) } : {}),
    });
  }

  /**
   * The stdout of a part that ran successfully; otherwise records why not and returns null.
   * A truncated section (no END marker) is reported but its output is still parsed.
   */
  output(part: string, arg?: string): string | null {
    const section = this.find(part, arg);
    if (!section) {
      this.add(part, arg, 'part missing from the collection output');
      return null;
    }
    if (section.rc === null) {
      this.add(part, arg, 'output cut off (connection dropped?)', section.stderr);
      return section.stdout;
    }
    if (section.rc !== 0) {
      this.add(part, arg, failureMessage(section), section.stderr || section.stdout);
      return null;
    }
    return section.stdout;
  }
}

function failureMessage(section: Section): string {
  const firstLine = section.stderr.trim().split('\n')[0] ?? '';
  if (section.rc === 127) return `command not found${firstLine ? `: ${firstLine}` : ''}`;
  return firstLine || `exit status ${section.rc}`;
}

/** The installed ovs-vswitchd's version; null, recorded as an error, when the part says none. */
function readOvsVersion(c: Collector): string | null {
  const text = c.output('ovs-version');
  if (text === null) return null;
  const version = parseOvsVersion(text);
  if (version === null)
    c.add('ovs-version', undefined, 'no version in the ovs-vswitchd --version output', text);
  return version;
}

/**
 * libvirt's domains; null when virsh is not installed (the script's `virsh` part exits 127 without
 * a word: a virsh that is there but broken says why) or when it failed (recorded as an error).
 */
function readVms(c: Collector): Vm[] | null {
  const list = c.find('virsh');
  if (list?.rc === 127 && list.stderr.trim() === '') return null;
  const text = c.output('virsh');
  if (text === null) return null;
  const uuids = parseVirshList(text);
  const vms: Vm[] = [];
  let unread = 0;
  for (const uuid of uuids) {
    // Past the limit or a timed-out call the script stops; a domain may also vanish meanwhile.
    if (!c.find('domain', uuid)) {
      unread++;
      continue;
    }
    const domain = c.output('domain', uuid);
    if (domain === null) continue;
    const parsed = parseVirshDomain(domain);
    for (const e of parsed.errors) c.add('domain', uuid, e, domain);
    if (parsed.vm) vms.push(parsed.vm);
  }
  if (unread > 0)
    c.add(
      'virsh',
      undefined,
      `${unread} of ${uuids.length} domains not read (at most ${VIRSH_MAX_DOMAINS} are, none after a virsh call timed out)`,
    );
  return vms;
}

function parseNamespace(c: Collector, name: string, netnsid: number | null, read = true): Namespace {
  const arg = name === '' ? undefined : name;
  const ns: Namespace = {
    id: nsId(name),
    name,
    isRoot: name === '',
    netnsid,
    peers: [],
    links: [],
    routes: [],
    rules: [],
  };
  if (!read) return ns;
  const each = <T>(part: string, parse: (text: string) => { items: T[]; errors: string[] }): T[] => {
    const text = c.output(part, arg);
    if (text === null) return [];
    const parsed = parse(text);
    for (const e of parsed.errors) c.add(part, arg, e, text);
    return parsed.items;
  };
  ns.links = each('links', (t) => parseIpLinks(t, name));
  ns.routes = [
    ...each('route4', (t) => parseIpRoutes(t, name, 'inet')),
    ...each('route6', (t) => parseIpRoutes(t, name, 'inet6')),
  ];
  ns.rules = [
    ...each('rule4', (t) => parseIpRules(t, name, 'inet')),
    ...each('rule6', (t) => parseIpRules(t, name, 'inet6')),
  ];
  // Only v1 streams carry per-namespace nsids (see IP_BATCH); without them veth pairs use ifindexes.
  ns.peers = c.find('nsids', arg) ? each('nsids', parseNsids) : [];
  return ns;
}

function assemble(raw: string, meta: { host: string; collectedAt: string }, scope?: ReadScope): HostModel {
  const stream = splitStream(raw);
  const c = new Collector(stream.sections);
  if (stream.version === null)
    c.add('stream', undefined, 'no Patchbay stream header: not collection output', raw);
  else if (!READABLE_VERSIONS.has(stream.version))
    c.add('stream', undefined, `unsupported stream version ${stream.version}`);

  const hostnameText = scope ? null : c.output('hostname');
  const hostname = hostnameText?.trim() || null;

  let ovs: HostModel['ovs'] = null;
  const ovsdbText = !scope || scope.ovsdb ? c.output('ovsdb') : null;
  if (ovsdbText !== null) {
    const parsed = parseOvsdb(ovsdbText);
    for (const e of parsed.errors) c.add('ovsdb', undefined, e);
    ovs = parsed.ovs;
    // Only ovs-ctl and distribution init scripts record ovs_version; a daemon started by hand leaves it empty.
    if (ovs && ovs.system.ovsVersion === null && (stream.version ?? 0) >= FIRST_WITH_OVS_VERSION)
      ovs.system.ovsVersion = readOvsVersion(c);
    for (const bridge of ovs?.bridges ?? []) {
      if (scope && !scope.flows.includes(bridge.name)) continue;
      const section = c.find('flows', bridge.name);
      const text = c.output('flows', bridge.name);
      if (text === null) {
        bridge.flowsError = section ? failureMessage(section) : 'flows not collected';
        continue;
      }
      const flows = parseFlows(text, bridge.name, parsed.tableNames[bridge.name]);
      for (const e of flows.errors) c.add('flows', bridge.name, e);
      bridge.flows = flows.flows;
    }
  }

  const netnsText = !scope || scope.netns ? c.output('netns') : null;
  const listed = netnsText === null ? [] : parseNetnsList(netnsText);
  const wanted = (name: string) => !scope || scope.namespaces.includes(name);
  // Namespaces that vanished between `ip netns list` and their own parts show up as part errors.
  const namespaces = [
    parseNamespace(c, '', null, wanted('')),
    ...listed.map((e) => parseNamespace(c, e.name, e.nsid, wanted(e.name))),
  ];

  const readsVirsh = !scope && (stream.version ?? 0) >= FIRST_WITH_VIRSH;
  const vms = readsVirsh ? readVms(c) : undefined;

  return {
    schemaVersion: SCHEMA_VERSION,
    host: meta.host,
    collectedAt: meta.collectedAt,
    hostname,
    ovs,
    namespaces,
    ...(vms === undefined ? {} : { vms }),
    errors: c.errors,
  };
}

/**
 * Turns the raw collection stream of one host into its model. Never throws: failures become
 * `errors`. With a scope, only those parts are expected (a partial model for change checks).
 */
export function parseCollection(
  raw: string,
  meta: { host: string; collectedAt: string },
  scope?: ReadScope,
): HostModel {
  try {
    return assemble(raw, meta, scope);
  } catch (e) {
    // Parsers are written not to throw; this is the last guard so one bad host never breaks a refresh.
    return {
      schemaVersion: SCHEMA_VERSION,
      host: meta.host,
      collectedAt: meta.collectedAt,
      hostname: null,
      ovs: null,
      namespaces: [],
      errors: [{ part: 'parse', message: `internal parser error: ${(e as Error).message}` }],
    };
  }
}
