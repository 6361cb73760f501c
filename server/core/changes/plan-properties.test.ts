import { describe, expect, it } from 'vitest';
import { portId } from '../model/identity';
import type { HostModel } from '../model/schema';
import { fnv1a64, planFingerprint } from './fingerprint';
import { plan } from './plan';
import {
  addPort,
  bridge,
  link,
  load,
  newAddress4,
  newBridge,
  newFlow,
  newLink,
  newNamespace,
  newRoute4,
  ns,
  port,
  removeLink,
  removePort,
  texts,
} from './plan.test-helper';
import type { Step } from './types';

/** Forward and inverse compared without the flags that only make inverses lenient. */
const LENIENT = new Set(['--if-exists', '--may-exist']);
const norm = (cmds: string[][]) => cmds.map((c) => c.filter((a) => !LENIENT.has(a)));
const SWAP = { add: 'remove', remove: 'add', change: 'change' } as const;

/** A change of (almost) every kind, on the lab KVM host; one self-inverse change in the middle. */
function wideChange(m: HostModel): void {
  // OVS: a new secure bridge with an internal port and a flow; a removed system port; a tag.
  m.ovs?.bridges.push(
    newBridge('br-new', {
      failMode: 'secure',
      datapathType: 'netdev',
      protocols: ['OpenFlow13'],
      ports: [portId('br-new', 'br-new')],
    }),
  );
  addPort(m, 'br-new', 'br-new');
  ns(m, '').links.push(newLink('', 'br-new', { kind: 'tun', tunType: 'tap', flags: ['UP'] }));
  addPort(m, 'br-new', 'p1', { port: { tag: 12 } });
  bridge(m, 'br-new').flows?.push(newFlow('br-new', 0, 10, [['in_port', 'p1']], 'drop'));
  port(m, 'vnet2').tag = 33;
  // Flows: one removed, one added on the kept bridge.
  const br = bridge(m, 'ovsbr0');
  br.flows = (br.flows ?? []).filter((f) => f.priority !== 20);
  br.flows.push(newFlow('ovsbr0', 1, 100, [['dl_vlan', '30']], 'NORMAL'));
  // Kernel: a new namespace with a veth to the root, an address and a default route.
  m.namespaces.push(newNamespace('blue'));
  ns(m, '').links.push(newLink('', 'va', { link: 'vb', flags: ['UP'] }));
  const vb = newLink('blue', 'vb', { link: 'va', flags: ['UP'] });
  vb.addresses.push(newAddress4('blue', 'vb', '10.5.0.2/24'));
  ns(m, 'blue').links.push(vb);
  ns(m, 'blue').routes.push(newRoute4('blue', 'default', '10.5.0.1', 'vb'));
  // An internal port whose device lives in the new namespace.
  addPort(m, 'ovsbr0', 'p7');
  ns(m, 'blue').links.push(newLink('blue', 'p7', { kind: 'tun', tunType: 'tap', flags: ['UP'] }));
  // Removals: namespace vm-web with its veth pair (its root end a system port of ovsbr0).
  removePort(m, 'vnet0');
  removeLink(m, '', 'vnet0');
  m.namespaces = m.namespaces.filter((n) => n.name !== 'vm-web');
  // An address and a route of vm-router go; a dummy device appears.
  link(m, 'vm-router', 'eth0').addresses = link(m, 'vm-router', 'eth0').addresses.filter(
    (a) => a.family !== 'inet',
  );
  ns(m, 'vm-router').routes = ns(m, 'vm-router').routes.filter((r) => r.table !== '100');
  ns(m, 'vm-legacy').links.push(newLink('vm-legacy', 'dum0', { kind: 'dummy', mtu: 9000 }));
}

describe('plan: the plan back is the inverse of the plan forward', () => {
  it('plan(desired, current) runs the inverses of plan(current, desired) in reverse order', () => {
    const current = load('kvm');
    const desired = structuredClone(current);
    wideChange(desired);
    const forward = plan(current, desired);
    const back = plan(desired, current);
    expect(forward.warnings.map((w) => w.code)).toEqual(['DELETES_NAMESPACE_WITH_LINKS']);
    expect(back.warnings.map((w) => w.code)).toEqual([
      'DELETES_BRIDGE_WITH_PORTS',
      'DELETES_NAMESPACE_WITH_LINKS',
    ]);
    // Every kind and phase is in the plan.
    expect(new Set(forward.steps.map((s) => s.object.kind))).toEqual(
      new Set(['bridge', 'port', 'flow', 'namespace', 'link', 'address', 'route']),
    );
    expect(back.steps).toHaveLength(forward.steps.length);
    const reversed = forward.steps.toReversed();
    back.steps.forEach((b: Step, i) => {
      const f = reversed[i] as Step;
      expect({ text: b.text, object: b.object, action: b.action, phase: b.phase }).toMatchObject({
        object: f.object,
        action: SWAP[f.action],
        phase: f.phase,
      });
      expect(norm(b.forward)).toEqual(norm(f.inverse));
      expect(norm(b.inverse)).toEqual(norm(f.forward));
    });
  });

  it('moves back the way a move came, without the leading down the executor pairs commands by', () => {
    const current = load('kvm');
    const desired = structuredClone(current);
    const l = link(desired, '', 'uplink1');
    removeLink(desired, '', 'uplink1');
    ns(desired, 'vm-web').links.push({ ...l, id: 'link:vm-web/uplink1', addresses: [] });
    const there = plan(current, desired).steps.find((s) => s.text === '~ link uplink1 root → vm-web');
    const back = plan(desired, current).steps.find((s) => s.text === '~ link uplink1 vm-web → root');
    expect(back?.forward).toEqual(there?.inverse.slice(1));
    expect(there?.inverse[0]).toEqual(['ip', '-n', 'vm-web', 'link', 'set', 'dev', 'uplink1', 'down']);
  });
});

describe('plan: fingerprint of the base', () => {
  it('is FNV-1a 64', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('is stable across two reads of one host and ignores collectedAt', () => {
    const first = load('openstack');
    const second = load('openstack2');
    expect(planFingerprint(first)).toMatch(/^fnv1a64:[0-9a-f]{16}$/);
    expect(planFingerprint(second)).toBe(planFingerprint(first));
    expect(plan(first, second).baseFingerprint).toBe(planFingerprint(first));
  });

  it('changes when the topology does', () => {
    const base = load('aio');
    const changed = structuredClone(base);
    port(changed, 'qvo3c4d5e6f-7a').tag = 2;
    expect(planFingerprint(changed)).not.toBe(planFingerprint(base));
    const flow = structuredClone(base);
    const f = bridge(flow, 'br-int').flows?.[0];
    if (f) f.raw = f.raw.replace('NORMAL', 'drop');
    expect(planFingerprint(flow)).not.toBe(planFingerprint(base));
  });
});

describe('plan: size', () => {
  it('plans 2,000 added ports (and their removal) fast', () => {
    const current = load('kvm');
    const desired = structuredClone(current);
    for (let i = 0; i < 2000; i++) addPort(desired, 'ovsbr0', `p${i}`, { port: { tag: (i % 4000) + 1 } });
    const t0 = performance.now();
    const forward = plan(current, desired);
    const t1 = performance.now();
    const back = plan(desired, current);
    const t2 = performance.now();
    console.log(
      `plan of 2,000 port additions: ${(t1 - t0).toFixed(1)} ms; of their removal: ${(t2 - t1).toFixed(1)} ms`,
    );
    expect(forward.steps).toHaveLength(2000);
    expect(back.steps).toHaveLength(2000);
    expect(texts(forward)[0]).toBe('+ port ovsbr0/p0 tag=1 internal');
    expect(forward.steps.every((s) => s.phase === 'ovsdb')).toBe(true);
  });
});
