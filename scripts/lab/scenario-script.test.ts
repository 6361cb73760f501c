import { describe, expect, it } from 'vitest';
import { compileScenario, listScenarios, readScenarioDocument } from './scenario';
import type { Bridge } from './scenario-schema';
import { bridgeTransaction, scenarioScript } from './scenario-script';

const resolve = (n: string) => (n === 'openstack-aio' ? '198.18.0.3' : '198.18.0.254');

describe('compileScenario', () => {
  it('accepts every shipped scenario', () => {
    for (const name of listScenarios())
      expect(() => compileScenario(readScenarioDocument(name), '198.18.0.9', resolve)).not.toThrow();
  });
  it('rejects undeclared namespaces, duplicates and unknown fields', () => {
    const bad = (doc: unknown) => () => compileScenario(doc, '198.18.0.9', resolve);
    expect(
      bad({ bridges: [{ name: 'br0', ports: [{ name: 'p', type: 'internal', namespace: 'nope' }] }] }),
    ).toThrow(/not declared/);
    expect(bad({ bridges: [{ name: 'br0' }, { name: 'br0' }] })).toThrow(/duplicate bridge/);
    expect(bad({ bridges: [{ name: 'br0', colour: 'red' }] })).toThrow();
    expect(bad({ bridges: [{ name: 'a-name-longer-than-15' }] })).toThrow(/15/);
  });
  it('expands the large scenario to its declared size', () => {
    const s = compileScenario(readScenarioDocument('large'), '198.18.0.9', resolve);
    expect(s.bridges).toHaveLength(4);
    expect(s.bridges.reduce((n, b) => n + b.ports.length, 0)).toBeGreaterThanOrEqual(2000);
    expect(s.bridges.reduce((n, b) => n + b.flows.length, 0)).toBe(10_000);
    expect(s.namespaces).toHaveLength(300);
  });
  it('resolves the compute tunnel to the network node', () => {
    const s = compileScenario(readScenarioDocument('compute'), '198.18.0.4', resolve);
    const tun = s.bridges.find((b) => b.name === 'br-tun')?.ports.find((p) => p.type === 'vxlan');
    expect(tun?.type === 'vxlan' && tun.options).toMatchObject({
      remote_ip: '198.18.0.3',
      local_ip: '198.18.0.4',
    });
  });
});

describe('bridgeTransaction', () => {
  it('creates a netdev bridge and its ports in one ovs-vsctl call', () => {
    const args = bridgeTransaction({
      name: 'br-int',
      failMode: 'secure',
      ports: [
        {
          name: 'qr-1',
          type: 'internal',
          tag: 1,
          addresses: [],
          externalIds: { 'attached-mac': 'fa:16:3e:00:00:01' },
        },
        { name: 'int-br-ex', type: 'patch', peer: 'phy-br-ex', trunks: [1, 2] },
        {
          name: 'bond0',
          type: 'bond',
          members: [
            { name: 'e1', peer: 'e1p' },
            { name: 'e2', peer: 'e2p' },
          ],
          bondMode: 'active-backup',
        },
      ],
      flows: [],
    });
    const text = args.join(' ');
    expect(text).toContain('add-br br-int -- set Bridge br-int datapath_type=netdev fail_mode=secure');
    expect(text).toContain(
      'add-port br-int qr-1 tag=1 -- set Interface qr-1 type=internal external_ids:"attached-mac"="fa:16:3e:00:00:01"',
    );
    expect(text).toContain(
      'add-port br-int int-br-ex trunks=[1,2] -- set Interface int-br-ex type=patch options:"peer"="phy-br-ex"',
    );
    expect(text).toContain('add-bond br-int bond0 e1 e2 bond_mode=active-backup');
  });
});

describe('scenarioScript', () => {
  it('orders namespaces, links, OVS, addresses, routes and flows', () => {
    const s = compileScenario(readScenarioDocument('openstack-aio'), '198.18.0.3', resolve);
    const script = scenarioScript(s);
    const at = (needle: string) => {
      const i = script.indexOf(needle);
      expect(i, needle).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(at('netns add qrouter-')).toBeLessThan(
      at('link add eth1 type veth peer name eth1-outside netns outside'),
    );
    expect(at('link add eth1')).toBeLessThan(at('ovs-vsctl'));
    expect(at('ovs-vsctl')).toBeLessThan(at('link set dev qr-5f3a1c2e-4b netns qrouter-'));
    expect(at('address add 192.0.2.1/24 dev qr-5f3a1c2e-4b')).toBeLessThan(
      at('route add default via 203.0.113.254'),
    );
    expect(at('rule add from 192.0.2.0/24 table 100')).toBeLessThan(at('ovs-ofctl --bundle add-flows br-ex'));
    expect(script).toContain('priority=4,in_port=phy-br-ex,dl_vlan=1 actions=strip_vlan,NORMAL');
  });
});

describe('device settings and system ports', () => {
  const s = compileScenario(
    {
      bridges: [
        {
          name: 'br0',
          ports: [
            { name: 'nic9', type: 'system', tag: 5 },
            {
              name: 'v0',
              type: 'veth',
              peer: 'eth0',
              peerNamespace: 'a',
              up: false,
              mtu: 1400,
              peerMtu: 1400,
            },
            {
              name: 'bond0',
              type: 'bond',
              members: [
                { name: 'u0', peer: 's0', peerNamespace: 'a' },
                { name: 'u1', peer: 's1', peerNamespace: 'a', peerUp: false },
              ],
            },
          ],
        },
      ],
      namespaces: [{ name: 'a', links: [{ name: 'm0', peer: 'm1', mtu: 9000, peerUp: false }] }],
    },
    '198.18.0.9',
    resolve,
  );
  const script = scenarioScript(s);

  it('adds a system port by name only, whether or not the device exists', () => {
    expect(bridgeTransaction(s.bridges[0] as Bridge).join(' ')).toContain('-- add-port br0 nic9 tag=5 --');
    expect(script).not.toMatch(/link add nic9|dev nic9/);
  });

  it('sets MTUs and leaves down what is declared down, bringing everything else up', () => {
    expect(script).toContain('link set dev v0 mtu 1400');
    expect(script).toContain('link set dev eth0 mtu 1400');
    expect(script).toContain('link set dev m0 mtu 9000');
    for (const up of ['eth0', 'u0', 'u1', 's0', 'm0']) expect(script).toContain(`link set dev ${up} up`);
    for (const down of ['v0', 's1', 'm1']) expect(script).not.toContain(`link set dev ${down} up`);
  });

  it('refuses an MTU out of range and a state that is not a boolean', () => {
    const bad = (link: object) => () =>
      compileScenario(
        { namespaces: [{ name: 'a', links: [{ name: 'x', peer: 'y', ...link }] }] },
        '198.18.0.9',
        resolve,
      );
    expect(bad({ mtu: 20 })).toThrow();
    expect(bad({ up: 'no' })).toThrow();
  });
});
