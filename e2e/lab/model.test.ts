/**
 * The model against the scenario files: for each lab host, every bridge, port, tag, patch pair,
 * flow (match and actions), namespace, address, route and rule its scenario declares must be in
 * the model read over SSH, with the derived relations (patch pairs, veth pairs, port ↔ kernel link
 * wherever it lives, tunnel ↔ the lab host owning remote_ip). Driven by the scenario data, not by
 * names: a new scenario is checked the same way (openstack-aio and compute are the default lab
 * hosts; kvm adds a bond, trunks, a native VLAN, libvirt taps and several routing tables).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown, labUpMissing } from '@/scripts/lab/lab';
import { compileScenario, readScenarioDocument } from '@/scripts/lab/scenario';
import type { Scenario } from '@/scripts/lab/scenario-schema';
import { labSshTarget } from '@/scripts/lab/ssh-target';
import { collectHost } from '@/server/collect/collect-host';
import { SCOPED_SCRIPT } from '@/server/collect/script';
import { canonicalize, sameTopology, stripCounters } from '@/server/core/model/canonical';
import { bridgeId, ifaceId, linkId, nsId, portId } from '@/server/core/model/identity';
import type { HostModel, Namespace } from '@/server/core/model/schema';
import { splitTopLevel } from '@/server/core/parsers/ofctl-tokens';
import { parseOvsVersion } from '@/server/core/parsers/ovs-version';
import { splitStream } from '@/server/core/parsers/stream';
import { deriveRelations, hostAddresses, type Relations } from '@/server/core/relations';
import { SshPool } from '@/server/ssh';
import { LAB_KEY_DIRS, labHost, labHosts } from './hosts';

const HOSTS = ['openstack-aio', 'compute', 'kvm'];
// `kvm` (bond, trunks, native VLAN, libvirt taps, many routing tables) is not a default lab host.
let broughtUp: string[] = [];
const pool = new SshPool({ agentSocket: undefined, sshConfigText: null, keyDirs: LAB_KEY_DIRS });
const read = new Map<string, { scenario: Scenario; model: HostModel; relations: Relations }>();

const unquote = (s: string) => s.replace(/"/g, '');

/** A declared `add-flow` line as what the model must hold. */
function declaredFlow(line: string) {
  const [head = '', actions = ''] = line.split(/\s+actions=/);
  let table = 0;
  let priority = 32768;
  const match: [string, string][] = [];
  for (const field of splitTopLevel(head)) {
    const [k = '', v = ''] = field.split('=');
    if (k === 'table') table = Number(v);
    else if (k === 'priority') priority = Number(v);
    else match.push([k, unquote(v)]);
  }
  return { table, priority, match, actions: splitTopLevel(actions).map((a) => unquote(a).toLowerCase()) };
}

const ns = (model: HostModel, name: string | undefined): Namespace | undefined =>
  model.namespaces.find((n) => n.id === nsId(name ?? ''));

const addressesOf = (model: HostModel, nsName: string | undefined, ifname: string): string[] =>
  ns(model, nsName)
    ?.links.find((l) => l.name === ifname)
    ?.addresses.map((a) => `${a.local}/${a.prefixlen}`) ?? [];

const resolveHost = (name: string) => labHost(name).address;

beforeAll(async () => {
  broughtUp = await labUpMissing(HOSTS);
  const models = new Map<string, HostModel>();
  for (const name of HOSTS) {
    const h = labHost(name);
    const { model } = await collectHost(pool, labSshTarget(h, `model:${name}`));
    models.set(name, model);
  }
  const known = [...models].map(([name, model]) => ({ name, addresses: hostAddresses(model) }));
  for (const [name, model] of models) {
    const h = labHost(name);
    const scenario = compileScenario(readScenarioDocument(h.scenario), h.address, resolveHost);
    read.set(name, { scenario, model, relations: deriveRelations(model, known) });
  }
}, 60_000);

afterAll(async () => {
  pool.closeAll();
  if (broughtUp.length) await labDown(broughtUp);
});

describe.each(HOSTS)('the model of lab host %s holds its scenario', (name) => {
  const get = () => {
    const r = read.get(name);
    if (!r) throw new Error(`${name} was not read`);
    return r;
  };

  it('reads without part errors', () => {
    expect(get().model.errors).toEqual([]);
  });

  // The lab records ovs_version in the database as ovs-ctl does; the ovs-version part, which
  // stands in for it on hosts whose database has none, must read the same version.
  it('knows its OVS version, and the ovs-version part reads the same', async () => {
    const version = get().model.ovs?.system.ovsVersion;
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    const target = labSshTarget(labHost(name), `model:${name}`);
    const { stdout } = await pool.exec(target, 'sh -s -- ovsdb', { stdin: SCOPED_SCRIPT });
    const part = splitStream(stdout).sections.find((s) => s.part === 'ovs-version');
    expect(part?.rc).toBe(0);
    expect(parseOvsVersion(part?.stdout ?? '')).toBe(version);
  });

  it('every bridge with its settings, and every port with tag, trunks, type and options', () => {
    const { scenario, model } = get();
    for (const b of scenario.bridges) {
      const bridge = model.ovs?.bridges.find((x) => x.id === bridgeId(b.name));
      expect(bridge, b.name).toBeDefined();
      if (b.failMode) expect(bridge?.failMode).toBe(b.failMode);
      expect(bridge?.externalIds).toMatchObject(b.externalIds ?? {});
      for (const p of b.ports) {
        const port = model.ovs?.ports.find((x) => x.id === portId(b.name, p.name));
        expect(port, `${b.name}/${p.name}`).toBeDefined();
        expect(bridge?.ports).toContain(port?.id);
        expect(port?.tag ?? null).toBe(p.tag ?? null);
        expect(port?.trunks ?? []).toEqual(p.trunks ?? []);
        if (p.vlanMode) expect(port?.vlanMode).toBe(p.vlanMode);
        if (p.type === 'bond') {
          if (p.bondMode) expect(port?.bondMode).toBe(p.bondMode);
          if (p.lacp) expect(port?.lacp).toBe(p.lacp);
        }
        const members = p.type === 'bond' ? p.members.map((m) => m.name) : [p.name];
        expect([...(port?.interfaces ?? [])].sort()).toEqual(members.map(ifaceId).sort());
        for (const m of members) {
          const iface = model.ovs?.interfaces.find((i) => i.id === ifaceId(m));
          const type = p.type === 'veth' || p.type === 'bond' ? 'system' : p.type;
          expect(iface?.type, m).toBe(type);
          expect(iface?.error ?? null, m).toBeNull();
          expect(iface?.externalIds).toMatchObject(p.externalIds ?? {});
          if (p.type === 'patch') expect(iface?.options.peer).toBe(p.peer);
          if (p.type === 'vxlan' || p.type === 'gre' || p.type === 'geneve')
            expect(iface?.options).toMatchObject(p.options);
        }
      }
    }
  });

  it('every flow, by table, priority, match fields and actions', () => {
    const { scenario, model } = get();
    for (const b of scenario.bridges) {
      const flows = model.ovs?.bridges.find((x) => x.name === b.name)?.flows ?? [];
      for (const line of b.flows) {
        const want = declaredFlow(line);
        const found = flows.find(
          (f) =>
            f.table === want.table &&
            f.priority === want.priority &&
            want.match.every(([k, v]) => f.match.some((m) => m.field === k && unquote(m.value) === v)) &&
            f.actions.map((a) => unquote(a.raw).toLowerCase()).join(',') === want.actions.join(','),
        );
        expect(found, `${b.name}: ${line}`).toBeDefined();
      }
    }
  });

  it('every declared flow that changes a VLAN is a VLAN rewrite on its in_port', () => {
    const { scenario, model, relations } = get();
    for (const b of scenario.bridges)
      for (const line of b.flows) {
        const want = declaredFlow(line);
        if (!want.actions.some((a) => /^(strip_vlan|pop_vlan|push_vlan|mod_vlan_vid)|->vlan_vid$/.test(a)))
          continue;
        const flow = model.ovs?.bridges
          .find((x) => x.name === b.name)
          ?.flows?.find((f) => f.priority === want.priority && f.table === want.table);
        const inPort = want.match.find(([k]) => k === 'in_port')?.[1] ?? null;
        expect(
          relations.vlanRewrites.some((r) => r.flow === flow?.id && r.inPort === inPort),
          `${b.name}: ${line}`,
        ).toBe(true);
      }
  });

  it('every patch pair as an ok pair, every veth across namespaces, every port on its kernel link', () => {
    const { scenario, model, relations } = get();
    const pair = (a: string, b: string) => [a, b].sort().join('|');
    const patch = new Set(
      relations.patchPairs.filter((p) => p.status === 'ok').map((p) => pair(p.a, p.b ?? '')),
    );
    const veth = new Set(relations.vethPairs.map((p) => pair(p.a, p.b ?? '')));
    const backing = new Map(relations.portBackings.map((b) => [b.iface, b]));
    for (const b of scenario.bridges)
      for (const p of b.ports) {
        if (p.type === 'patch') expect(patch.has(pair(ifaceId(p.name), ifaceId(p.peer))), p.name).toBe(true);
        if (p.type === 'veth') {
          expect(veth.has(pair(linkId('', p.name), linkId(p.peerNamespace ?? '', p.peer))), p.name).toBe(
            true,
          );
          expect(backing.get(ifaceId(p.name))?.link).toBe(linkId('', p.name));
          expect(addressesOf(model, p.peerNamespace, p.peer)).toEqual(
            expect.arrayContaining(p.peerAddresses),
          );
          if (p.peerMac)
            expect(ns(model, p.peerNamespace)?.links.find((l) => l.name === p.peer)?.mac).toBe(p.peerMac);
        }
        if (p.type === 'bond')
          for (const m of p.members)
            expect(veth.has(pair(linkId('', m.name), linkId(m.peerNamespace ?? '', m.peer))), m.name).toBe(
              true,
            );
        if (p.type === 'internal') {
          // A leg moved into a namespace (qr-/qg-) is still linked to its port, where it lives now.
          expect(backing.get(ifaceId(p.name))?.ns).toBe(p.namespace ?? '');
          expect(backing.get(ifaceId(p.name))?.link).toBe(linkId(p.namespace ?? '', p.name));
          expect(addressesOf(model, p.namespace, p.name)).toEqual(expect.arrayContaining(p.addresses));
          if (p.mac) expect(ns(model, p.namespace)?.links.find((l) => l.name === p.name)?.mac).toBe(p.mac);
        }
      }
    for (const n of scenario.namespaces)
      for (const l of n.links) {
        expect(veth.has(pair(linkId(n.name, l.name), linkId(l.peerNamespace ?? '', l.peer))), l.name).toBe(
          true,
        );
        expect(addressesOf(model, n.name, l.name)).toEqual(expect.arrayContaining(l.addresses));
      }
  });

  it('every tunnel names the lab host that owns its remote_ip, and none for an unknown address', () => {
    const { scenario, relations } = get();
    const owner = new Map(labHosts().map((h) => [h.address, h.name]));
    for (const b of scenario.bridges)
      for (const p of b.ports) {
        if (p.type !== 'vxlan' && p.type !== 'gre' && p.type !== 'geneve') continue;
        const t = relations.tunnels.find((x) => x.iface === ifaceId(p.name));
        expect(t?.remoteIp).toBe(p.options.remote_ip);
        expect(t?.remoteHost ?? null, p.name).toBe(owner.get(p.options.remote_ip ?? '') ?? null);
      }
  });

  it('every namespace with its loopback addresses, routes in every table, and rules', () => {
    const { scenario, model } = get();
    for (const n of scenario.namespaces) {
      const got = ns(model, n.name);
      expect(got, n.name).toBeDefined();
      expect(addressesOf(model, n.name, 'lo')).toEqual(expect.arrayContaining(n.loopback));
      for (const r of n.routes) {
        const words = r.split(/\s+/);
        const arg = (k: string) => words[words.indexOf(k) + 1];
        const want = {
          dst: words[0],
          table: words.includes('table') ? arg('table') : 'main',
          ...(words.includes('via') ? { gateway: arg('via') } : {}),
          ...(words.includes('dev') ? { dev: arg('dev') } : {}),
        };
        expect(got?.routes, `${n.name}: ${r}`).toContainEqual(expect.objectContaining(want));
      }
      for (const r of n.rules) {
        const words = r.split(/\s+/);
        const arg = (k: string) => words[words.indexOf(k) + 1];
        const rule = got?.rules.find((x) => x.priority === Number(arg('priority')) && x.family === 'inet');
        expect(rule, `${n.name}: ${r}`).toBeDefined();
        expect(rule?.table).toBe(arg('table'));
        if (words.includes('from'))
          expect(`${rule?.selector.src}/${rule?.selector.srclen}`).toBe(arg('from'));
      }
    }
  });

  it('two reads of the unchanged host are the same topology', async () => {
    const again = await collectHost(pool, labSshTarget(labHost(name), `model:${name}`));
    if (!sameTopology(get().model, again.model)) {
      // Show what moved, not just "false".
      const lines = (m: HostModel) => JSON.stringify(canonicalize(stripCounters(m)), null, 1).split('\n');
      const [a, b] = [lines(get().model), lines(again.model)];
      expect({ first: a.filter((l) => !b.includes(l)), second: b.filter((l) => !a.includes(l)) }).toEqual({
        first: [],
        second: [],
      });
    }
    expect(sameTopology(get().model, again.model)).toBe(true);
  });
});
